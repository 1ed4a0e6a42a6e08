"""Voice assistants: the adapter plugin API (base, registry), the shared cockpit grammar, the
Alexa-style and Android-style adapters, the contract kit for adapter authors (testing), and the
non-pygame pieces of the assistant panel (conversation, tts).

Kept import-free so that `cockpit --help` does not pay for pydantic or the grammar.
"""
