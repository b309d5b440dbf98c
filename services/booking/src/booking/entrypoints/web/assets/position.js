// Progressive enhancement: with the usager's consent, the browser's position orders lieux by distance.
(function () {
  var button = document.getElementById("ma-position");
  if (!button || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById("latitude").value = position.coords.latitude.toFixed(5);
      document.getElementById("longitude").value = position.coords.longitude.toFixed(5);
      button.form.submit();
    });
  });
})();
