"""The pygame dashboard: instrument cluster, centre display panels, climate bar."""
