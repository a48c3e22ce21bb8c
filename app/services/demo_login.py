"""The demo office's sign-in, apart from :mod:`app.services.demo`: the window shows it before the store is open,
and importing the demo builder (receive, the store, the catalogue) there would cost the start what it saved."""

DEMO_USER, DEMO_PASSWORD = "admin", "motcua-demo"
