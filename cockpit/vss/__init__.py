"""The VSS ecosystem's view of the cockpit: a KUKSA-compatible databroker API and the catalogue as VSS JSON.

    tree.py       the catalogue as VSS sees it: exact datatypes, entry types, ids, wildcard paths
    export.py     `cockpit vss export`: the catalogue as VSS JSON (the format vss-tools writes)
    hub.py        the thread boundary: a mirror for gRPC readers, actuations queued for the main loop
    access.py     JWT bearer tokens in the databroker's format and their read/actuate scopes
    values.py     values and catalogue entries to and from the kuksa.val protobuf messages
    calls.py      what both services share: permissions, actuation through the policy, refusals
    val_v1.py     the kuksa.val.v1 service        val_v2.py     the kuksa.val.v2 service
    server.py     the gRPC server (port, TLS)      viss.py       W3C VISS v2 over a websocket
    service.py    the API inside a session
    settings.py   where and how to listen          cli.py, serve.py   `cockpit vss serve | export`
    bench.py      `cockpit bench vss`, with bench_client.py as the kuksa-client process

tree, export, hub, settings and cli import nothing beyond the standard library and the core, so
`cockpit vss export` and the command line work without the `vss` extra; `start_api` says when the
extra is missing.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from cockpit.core.errors import VssApiError

if TYPE_CHECKING:
    from cockpit.core.cockpit import Cockpit
    from cockpit.vss.service import VssApi
    from cockpit.vss.settings import ApiSettings


def start_api(cockpit: Cockpit, settings: ApiSettings) -> VssApi:
    """Serve the API on `cockpit` (call on the main thread).

    Raises VssApiError when the `vss` extra is missing or the address cannot be bound, InvalidInput
    for unreadable or invalid TLS and key files.
    """
    # gRPC's core logs to stderr on its own (a port in use, a failed TLS handshake); the API reports
    # what matters itself. Read once, when grpc loads: an explicit GRPC_VERBOSITY still wins.
    os.environ.setdefault("GRPC_VERBOSITY", "NONE")
    try:
        from cockpit.vss.service import VssApi
    except ImportError as error:
        raise VssApiError(f"the VSS API needs the vss extra ({error.name} is not installed): "
                          f"pip install 'smartcockpit-sim[vss]'") from None
    return VssApi(cockpit, settings).start()
