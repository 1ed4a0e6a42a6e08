"""Centre-display panels; see `cockpit.ui.panels.base` for the contract and the registry."""
