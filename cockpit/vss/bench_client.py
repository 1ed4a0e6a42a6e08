"""The client side of `cockpit bench vss`: the kuksa-client SDK in its own process.

    python -m cockpit.vss.bench_client PORT

Subscribes to the driver temperature and prints `U <value> <monotonic seconds>` for each update;
for each line `G <seconds>` on stdin it reads Vehicle.Speed in a loop for that long and prints
`G <count> <elapsed seconds>`. Stops at the end of stdin.
"""

from __future__ import annotations

import sys
import threading
import time

from kuksa_client.grpc import VSSClient, VSSClientError

from cockpit.core import signals as sig

_OUTPUT = threading.Lock()  # the subscriber and the get loop both print


def _say(line: str) -> None:
    with _OUTPUT:
        print(line, flush=True)


def main(port: int) -> int:
    with VSSClient("127.0.0.1", port) as client:
        listener = threading.Thread(target=_listen, args=(client,), name="bench-subscriber", daemon=True)
        listener.start()
        for line in sys.stdin:
            command, _, argument = line.partition(" ")
            if command == "G":
                count, elapsed = _gets(client, float(argument))
                _say(f"G {count} {elapsed:.6f}")
    return 0


def _listen(client: VSSClient) -> None:
    try:
        for updates in client.subscribe_current_values([sig.DRIVER_TEMP]):
            now = time.monotonic()
            _say(f"U {updates[sig.DRIVER_TEMP].value} {now:.9f}")
    except VSSClientError:  # the channel closes as the bench ends
        pass


def _gets(client: VSSClient, seconds: float) -> tuple[int, float]:
    count = 0
    began = time.monotonic()
    while (elapsed := time.monotonic() - began) < seconds:
        client.get_current_values([sig.SPEED])
        count += 1
    return count, elapsed


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))
