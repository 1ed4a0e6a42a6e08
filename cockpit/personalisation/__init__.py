"""Driver profiles: schema, YAML store, learned preferences, identification and the apply engine."""
