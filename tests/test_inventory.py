"""The YAML inventory `pmiptui lab` writes: devices, groups, credentials as Secrets."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from pmiptui.errors import InputError
from pmiptui.inventory import (
    default_inventory_path,
    load_inventory,
    with_password,
)
from pmiptui.lab.runtime import Lab, LabOptions
from pmiptui.lab.server import Listener
from pmiptui.lab.topology import load_topology
from pmiptui.redact import Secret

LAB_STYLE = """\
# Written by `pmiptui lab` for the running lab. Lab-only credentials.
lma1:
  device_type: cisco_xe
  host: 127.0.0.1
  port: 2200
  username: admin
  password: admin
  secret: admin
  role: lma
  pmipv6_id: lma1
  domain: D1
  group: lab
mag1:
  device_type: cisco_xe
  host: 127.0.0.1
  port: 2201
  username: admin
  password: ${MAG1_PASSWORD}
  role: mag
  pmipv6_id: mag1
  domain: D1
  group: lab
mag2:
  host: 127.0.0.1
  port: 2202
  username: admin
  role: MAG
lab:
- lma1
- mag1
- mag2
"""


@pytest.fixture
def inventory_path(tmp_path: Path) -> Path:
    path = tmp_path / "inventory.yaml"
    path.write_text(LAB_STYLE)
    return path


def test_loads_devices_and_groups(inventory_path: Path) -> None:
    inventory = load_inventory(inventory_path)
    assert inventory.names == ["lma1", "mag1", "mag2"]
    assert inventory.groups == {"lab": ("lma1", "mag1", "mag2")}
    lma = inventory.router("lma1")
    assert (lma.host, lma.port, lma.device_type, lma.role) == ("127.0.0.1", 2200, "cisco_xe", "lma")
    assert (lma.pmipv6_id, lma.domain, lma.group) == ("lma1", "D1", "lab")
    assert isinstance(lma.password, Secret) and lma.password.reveal() == "admin"
    assert lma.address == "127.0.0.1:2200"
    assert inventory.router("mag2").role == "mag"


def test_reads_what_the_lab_writes(tmp_path: Path) -> None:
    lab = Lab(load_topology(), LabOptions())
    # No servers are needed to write the file: give each router a port by hand.
    lab.listeners = [
        Listener(name=spec.name, port=2200 + i) for i, spec in enumerate(lab.topology.routers)
    ]
    inventory = load_inventory(lab.write_inventory(tmp_path))
    target = inventory.router("mag1")
    assert (target.role, target.username, target.pmipv6_id) == ("mag", "admin", "mag1")
    assert target.secret is not None and target.secret.reveal() == "admin"


def test_credentials_never_show_in_repr(inventory_path: Path) -> None:
    target = load_inventory(inventory_path).router("lma1")
    shown = repr(target) + str(target) + f"{target}"
    assert "password=***" in shown and "secret=***" in shown
    assert "admin'" not in shown.replace("username='admin'", "")


def test_env_reference_is_resolved(inventory_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAG1_PASSWORD", "from-env")
    target = load_inventory(inventory_path).router("mag1")
    assert target.password is not None and target.password.reveal() == "from-env"
    assert target.secret is None


def test_unset_env_reference_names_the_variable(
    inventory_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MAG1_PASSWORD", raising=False)
    with pytest.raises(InputError, match=r"\$\{MAG1_PASSWORD\}, which is not set"):
        load_inventory(inventory_path).router("mag1")


def test_absent_password_is_asked_on_a_terminal_only(inventory_path: Path) -> None:
    target = load_inventory(inventory_path).router("mag2")
    assert target.password is None
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return "typed"

    filled = with_password(target, ask=ask, interactive=True)
    assert filled.password is not None and filled.password.reveal() == "typed"
    assert prompts == ["Password for admin@mag2: "]
    with pytest.raises(InputError, match="no password and there is no terminal"):
        with_password(target, ask=ask, interactive=False)


def test_unknown_router_lists_the_names(inventory_path: Path) -> None:
    with pytest.raises(InputError, match=r"'mag9' is not in .* \(routers: lma1, mag1, mag2\)"):
        load_inventory(inventory_path).router("mag9")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("mag1: [unclosed", "not valid YAML at line 1"),
        ("- a\n- b\n", "expected a mapping"),
        ("mag1:\n  port: 22\n", "device 'mag1' has no host"),
        ("mag1:\n  host: h\n  port: ssh\n", "mag1 port must be a number"),
        ("lab:\n- nowhere\n", "group 'lab' names unknown devices: nowhere"),
        ("mag1:\n  host: h\n  role: pgw\n", "role must be mag or lma"),
        ("mag1: 3\n", "neither a device nor a group"),
    ],
)
def test_malformed_inventory_is_one_line_input_error(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "inventory.yaml"
    path.write_text(text)
    with pytest.raises(InputError, match=message):
        load_inventory(path).router("mag1")


def test_missing_file_and_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_inventory(tmp_path / "none.yaml")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_inventory_path() == tmp_path / ".local/state/pmiptui/lab/inventory.yaml"
    with pytest.raises(InputError, match="start `pmiptui lab`"):
        load_inventory()


class _FakeKeyring(types.ModuleType):
    """Stands in for the `keyring` package."""

    def __init__(self, stored: dict[tuple[str, str], str]) -> None:
        super().__init__("keyring")
        self.stored = stored

    def get_password(self, service: str, user: str) -> str | None:
        return self.stored.get((service, user))


def _keyring_inventory(tmp_path: Path, password: str) -> Path:
    path = tmp_path / "inventory.yaml"
    path.write_text(
        f"mag1:\n  host: h\n  username: ops\n  password: {password}\n"
        "  secret: keyring:pmiptui-enable/ops\n"
    )
    return path


def test_keyring_reference_is_read_with_the_keyring_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _FakeKeyring({("pmiptui", "ops"): "from-keyring", ("pmiptui-enable", "ops"): "en"})
    monkeypatch.setitem(sys.modules, "keyring", fake)
    target = load_inventory(_keyring_inventory(tmp_path, "keyring:pmiptui/ops")).router("mag1")
    assert target.password is not None and target.password.reveal() == "from-keyring"
    assert target.secret is not None and target.secret.reveal() == "en"
    with pytest.raises(InputError, match="the keyring has no password for 'nobody' in 'pmiptui'"):
        load_inventory(_keyring_inventory(tmp_path, "keyring:pmiptui/nobody")).router("mag1")
    with pytest.raises(InputError, match="write keyring:SERVICE/USER"):
        load_inventory(_keyring_inventory(tmp_path, "keyring:nouser")).router("mag1")


def test_keyring_reference_without_the_package_says_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "keyring", None)  # import keyring raises ImportError
    with pytest.raises(InputError) as caught:
        load_inventory(_keyring_inventory(tmp_path, "keyring:pmiptui/ops")).router("mag1")
    assert "pip install keyring" in str(caught.value) and "\n" not in str(caught.value)


NETMIKO_YML = """\
lma1:
  device_type: cisco_xe
  ip: 127.0.0.1
  port: 2200
  username: admin
  password: admin
  global_delay_factor: 2
mag1:
  device_type: cisco_ios
  host: 127.0.0.1
  username: admin
  password: admin
cisco:
- lma1
- mag1
"""


def test_netmiko_yml_is_read_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / ".netmiko.yml"
    path.write_text(NETMIKO_YML)
    inventory = load_inventory(path)
    assert inventory.groups == {"cisco": ("lma1", "mag1")}
    lma = inventory.router("lma1")
    assert (lma.host, lma.port, lma.role, lma.host_key_policy) == ("127.0.0.1", 2200, None, None)
    assert inventory.router("mag1").device_type == "cisco_ios"


def test_host_key_policy_from_command_line_entry_settings_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmiptui import console

    path = tmp_path / "inventory.yaml"
    path.write_text(
        "a:\n  host: h\n  host_key_policy: accept-new\n  known_hosts: keys/kh\nb:\n  host: h\n"
    )
    inventory = load_inventory(path)
    a, b = inventory.router("a"), inventory.router("b")
    assert a.known_hosts == tmp_path / "keys" / "kh" and b.known_hosts is None
    settled = console.with_host_keys([a, b], None, {})
    assert [t.host_key_policy for t in settled] == ["accept-new", "known_hosts"]
    settled = console.with_host_keys([a, b], None, {"host_key_policy": "accept-new"})
    assert [t.host_key_policy for t in settled] == ["accept-new", "accept-new"]
    settled = console.with_host_keys([a, b], "known_hosts", {"host_key_policy": "accept-new"})
    assert [t.host_key_policy for t in settled] == ["known_hosts", "known_hosts"]
    monkeypatch.setattr(console, "CONFIG_DIR", tmp_path)
    (tmp_path / "config.yaml").write_text("host_key_policy: accept-new\n")
    assert console.with_host_keys([b], None)[0].host_key_policy == "accept-new"
    (tmp_path / "config.yaml").write_text("host_key_policy: yes-please\n")
    with pytest.raises(InputError, match="host_key_policy must be known_hosts or accept-new"):
        console.with_host_keys([b], None)
    path.write_text("a:\n  host: h\n  host_key_policy: trust-all\n")
    with pytest.raises(InputError, match="a: host_key_policy must be"):
        load_inventory(path).router("a")
