"""The usager pages (server-rendered, DSFR): booking journey, usager space, participation links."""
