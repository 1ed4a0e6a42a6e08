"""Roaming profiles: a driver's profile and learned preferences on a NATS JetStream key-value bucket.

    address.py   `nats://host:port[,host:port...]/bucket` -> RoamingAddress
    hlc.py       the hybrid logical clock that stamps every learned field
    documents.py the learned-preferences document in the bucket and its field-by-field merge
    durable.py   atomic files, the offline cache and the durable queue of changes
    client.py    nats-py in its own thread and asyncio loop; results reach the main loop by a queue
    backend.py   RoamingProfiles: the ProfileSource and LearnedValues of a ProfileStore

Keys in the bucket: `profile.<id>` holds the profile's YAML text (pushed by `cockpit profiles
push`), `learned.<id>` the learned preferences as JSON with one stamp per field.
"""
