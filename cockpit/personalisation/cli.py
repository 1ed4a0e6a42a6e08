"""Registers `cockpit profiles list | show NAME | check FILE... | schema | pin | push URL | pull URL`.

Only argparse is imported here; the handlers import the store (pydantic, YAML) when they run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def folder_or_url(text: str) -> Path | str:
    """A profiles folder, or (kept as text) a roaming store nats://host:port/bucket."""
    return text if text.startswith("nats://") else Path(text)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "profiles", help="list, show, check driver profiles or print their JSON Schema")
    commands = parser.add_subparsers(dest="profiles_command", required=True, metavar="ACTION")
    folder = argparse.ArgumentParser(add_help=False)
    folder.add_argument("--profiles", type=Path, metavar="DIR",
                        help="profiles folder (default: $COCKPIT_PROFILES or the shipped profiles/)")
    readable = argparse.ArgumentParser(add_help=False)
    readable.add_argument("--profiles", type=folder_or_url, metavar="DIR|URL",
                          help="profiles folder (default: $COCKPIT_PROFILES or the shipped profiles/) or a "
                               "roaming store nats://host:port[,host:port]/bucket")
    listing = commands.add_parser("list", parents=[readable], help="the valid profiles in the folder")
    listing.set_defaults(handler="cockpit.personalisation.cli:list_command")
    show = commands.add_parser("show", parents=[readable],
                               help="the effective profile with where each value came from")
    show.add_argument("name", metavar="NAME", help="profile id")
    show.add_argument("--reset-learned", action="store_true", help="forget what was learned first")
    show.add_argument("--state-dir", type=Path, metavar="DIR",
                      help="learned preferences folder (default: $COCKPIT_STATE_DIR or XDG state)")
    show.set_defaults(handler="cockpit.personalisation.cli:show_command")
    check = commands.add_parser("check", parents=[folder], help="report every problem in profile files, and "
                                "warn about routines naming devices the home does not have")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.add_argument("--home", type=Path, metavar="FILE", help="the home the routines are checked against "
                       "(default: the shipped home)")
    check.set_defaults(handler="cockpit.personalisation.cli:check_command")
    schema = commands.add_parser("schema", help="print the profile JSON Schema")
    schema.set_defaults(handler="cockpit.personalisation.cli:schema_command")
    pin = commands.add_parser("pin", help="ask for a PIN (4 to 8 digits) and print the pin_hash line for a "
                              "restricted profile; the PIN itself is never shown or stored")
    pin.set_defaults(handler="cockpit.personalisation.cli:pin_command")
    for name, verb in (("push", "send the folder's profiles and learned preferences to a cluster"),
                       ("pull", "fetch a cluster's profiles and learned preferences into the folder")):
        transfer = commands.add_parser(name, parents=[folder], help=verb)
        transfer.add_argument("url", metavar="nats://HOST:PORT[,HOST:PORT]/BUCKET", help="the roaming store")
        transfer.add_argument("--state-dir", type=Path, metavar="DIR",
                              help="learned preferences folder (default: $COCKPIT_STATE_DIR or XDG state)")
        transfer.set_defaults(handler=f"cockpit.personalisation.cli:{name}_command")


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _roaming_store(url: str, state_dir: Path | None) -> Any:
    """The bucket's profiles as this machine's copy of them, fetched now; raises RoamingError."""
    from cockpit.personalisation.learned import default_state_dir
    from cockpit.personalisation.roaming.address import parse_roaming_url
    from cockpit.personalisation.roaming.transfer import fetched_store

    return fetched_store(parse_roaming_url(url), state_dir or default_state_dir(), warn=_warn)


def list_command(args: argparse.Namespace) -> int:
    from cockpit.personalisation.store import ProfileStore

    if isinstance(args.profiles, str):
        store = _roaming_store(args.profiles, None)
    else:
        store = ProfileStore(args.profiles, warn=_warn)
        store.load()
    rows = [("ID", "NAME", "KEY FOBS", "EXTENDS", "FILE")]
    for profile_id in store.ids():
        effective = store.effective(profile_id)
        identity = effective.profile.identity
        rows.append((profile_id, identity.display_name, ",".join(identity.key_fobs) or "-",
                     effective.profile.extends or "-", effective.file))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


def show_command(args: argparse.Namespace) -> int:
    from cockpit.personalisation.learned import LearnedStore
    from cockpit.personalisation.store import ProfileStore
    from cockpit.personalisation.yaml_lines import annotated_lines

    if isinstance(args.profiles, str):
        if args.reset_learned:
            from cockpit.core.errors import InvalidInput

            raise InvalidInput("--reset-learned needs a profiles folder; a roaming store forgets in the car")
        store = _roaming_store(args.profiles, args.state_dir)
    else:
        store = ProfileStore(args.profiles, LearnedStore(args.state_dir, warn=_warn), warn=_warn)
        store.load()
    if args.reset_learned:
        print(f"forgot {store.forget(args.name)} learned value(s) of {args.name}", file=sys.stderr)
    effective = store.effective(args.name)
    layers = ["defaults", *(effective.file if label == "file" else label for label in effective.layers)]
    print(f"# effective profile {args.name!r}: {' < '.join(layers)}")
    for line in annotated_lines(effective.profile.model_dump(), effective.origins):
        print(line)
    return 0


def check_command(args: argparse.Namespace) -> int:
    from cockpit.driver_assistant import check_profiles_with_installed_adapters
    from cockpit.personalisation.store import ProfileStore

    check_profiles_with_installed_adapters(strict=True)  # assistant.adapter and settings, by the plugins

    store = ProfileStore(args.profiles, warn=lambda message: None)
    checked = {str(path) for path in args.files}
    problems = [p for p in store.load(args.files) if p.file in checked]
    for problem in problems:
        print(problem)
    bad = {problem.file for problem in problems}
    warnings = routine_warnings([path for path in args.files if str(path) not in bad], args.home)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {len({p.file for p in problems})} file(s)", file=sys.stderr)
        return 2
    noted = f" ({len(warnings)} warning(s))" if warnings else ""
    print(f"{len(checked)} profile file(s) OK{noted}", file=sys.stderr)
    return 0


def routine_warnings(files: list[Path], home_file: Path | None) -> list[str]:
    """`file:line:col: field: message` for each routine step (as written in the file itself) whose
    device the home lacks, or that asks a device for what it cannot do. Raises InvalidInput when
    the home file itself is invalid."""
    from cockpit.home.home_config import load_home
    from cockpit.yaml_source import read_document

    home = load_home(home_file)
    actions = {device.id: device.actions for device in home.device_list()}
    warnings = []
    for path in files:
        document, _ = read_document(path, str(path))
        routines = document.data.get("home") if document is not None else None
        if document is None or not isinstance(routines, dict):
            continue
        for when in ("on_arrive", "on_leave"):
            for index, step in enumerate(routines.get(when) or []):
                device, action = step.get("device"), step.get("action")
                where: tuple[str | int, ...] = ("home", when, index)
                if device not in actions:
                    message = (f"no device {device!r} in the home {home.name!r}; it has "
                               f"{', '.join(actions)}")
                    warnings.append(str(document.problem((*where, "device"), message)))
                elif action not in actions[device]:
                    message = f"{device} cannot {action!r}; it can {', '.join(actions[device])}"
                    warnings.append(str(document.problem((*where, "action"), message)))
    return warnings


def pin_command(args: argparse.Namespace) -> int:
    """Ask twice on a terminal (or read one line from a pipe) and print `pin_hash: "..."`.

    Raises InvalidInput (exit 2) for a PIN that is not 4 to 8 digits or two that differ."""
    import getpass

    from cockpit.core.errors import InvalidInput
    from cockpit.personalisation.pin import PIN_PATTERN, hash_pin

    if sys.stdin.isatty():
        pin, again = getpass.getpass("PIN: "), getpass.getpass("PIN again: ")
        if pin != again:
            raise InvalidInput("the two PINs differ")
    else:
        pin = sys.stdin.readline().strip()
    if not PIN_PATTERN.match(pin):
        raise InvalidInput("a PIN is 4 to 8 digits")
    print(f'pin_hash: "{hash_pin(pin)}"')
    print("paste it under restrictions: in the profile", file=sys.stderr)
    return 0


def schema_command(args: argparse.Namespace) -> int:
    from cockpit.personalisation.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def push_command(args: argparse.Namespace) -> int:
    return _transfer_command(args, "push")


def pull_command(args: argparse.Namespace) -> int:
    return _transfer_command(args, "pull")


def _transfer_command(args: argparse.Namespace, direction: str) -> int:
    """push or pull; exit 1 when a local file was kept (pull), 2 when a profile was invalid."""
    from cockpit.personalisation.learned import default_state_dir
    from cockpit.personalisation.roaming import transfer
    from cockpit.personalisation.roaming.address import parse_roaming_url
    from cockpit.personalisation.store import default_profiles_dir

    move = transfer.push if direction == "push" else transfer.pull
    result = move(parse_roaming_url(args.url), args.profiles or default_profiles_dir(),
                  args.state_dir or default_state_dir())
    for problem in result.problems:
        print(f"not {direction}ed: {problem}", file=sys.stderr)
    for line in result.sent:
        print(f"{direction}ed {line}")
    for line in result.kept:
        print(f"kept {line}", file=sys.stderr)
    print(f"{len(result.sent)} profile(s) {direction}ed, {len(result.unchanged)} already there, "
          f"{result.learned} learned value(s) merged", file=sys.stderr)
    return 1 if result.kept else (2 if result.problems else 0)
