"""The Workshop menu and dock: sessions, agenda timer, stickies, dot voting, impact/effort
matrix, parking lot, actions and decisions, minutes and breakout merge."""
