"""The simulated media player: a shipped catalogue of stations and a library, played on the
simulated clock (see player.py)."""
