"""The web app: server-rendered pages styled with GOV.UK Frontend, and a JSON API under /api."""
