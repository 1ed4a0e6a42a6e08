"""Dashboard widgets: each owns one rectangle, says whether it changed, and draws only itself."""
