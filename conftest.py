pytest_plugins = ["rdv_chassis.testing.fixtures"]
