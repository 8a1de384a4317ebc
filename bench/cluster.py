"""A throwaway cluster on loopback: PostgreSQL, N replicas of ``streamlit run serve.py``, HAProxy in front.

Used by ``bench.load`` and by the cluster test (``tests/browser/test_cluster.py``). Everything lives in a
temporary folder and every process started here is stopped when the ``cluster`` block ends,
however it ends:

* **PostgreSQL**: Debian's binaries (``/usr/lib/postgresql/15/bin``, or ``$PG_BIN``), a new
  cluster made by ``initdb`` on a free port, listening on 127.0.0.1 only, trust authentication
  (loopback, throwaway). Run as root, its commands run as the ``postgres`` user.
* **Replicas**: ``streamlit run serve.py`` on free loopback ports, all with the same
  ``DATABASE_URL`` and, when given, the same secrets file (so the same ``cookie_secret``).
  The schema is made first, once, as an operator would with ``python -m assessments db upgrade``.
* **HAProxy**: ``deploy/haproxy.cfg`` rendered with this run's bind address and server lines and
  an admin socket (to read each server's state); everything else as the template has it
  (sticky cookie ``STSRV``, websocket timeouts, health checks on ``/healthz``).

``python -m bench.cluster`` starts one and waits, printing the addresses, for trying it by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text

from assessments.store import upgrade_database
from bench._fixtures import REPO, free_port, launch_streamlit

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
HAPROXY = os.environ.get("HAPROXY", "/usr/sbin/haproxy")
TEMPLATE = REPO / "deploy" / "haproxy.cfg"
START_TIMEOUT = 90.0
"""Seconds a replica may take to answer /healthz (the machine may be busy)."""


def postgres_missing() -> str | None:
    """None if PostgreSQL's server binaries are installed, else what is missing."""
    for name in ("initdb", "pg_ctl"):
        if not (PG_BIN / name).exists():
            return f"PostgreSQL's {PG_BIN / name} not found (install Debian's postgresql, or set PG_BIN)"
    return None


def haproxy_missing() -> str | None:
    """None if HAProxy is installed, else what is missing."""
    return None if shutil.which(HAPROXY) else f"{HAPROXY} not found (install Debian's haproxy, or set HAPROXY)"


def _as_postgres(args: Sequence[str]) -> list[str]:
    """Run as the postgres user when we are root (initdb and postgres refuse to run as root)."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


@dataclass
class Postgres:
    """A PostgreSQL server of our own."""

    data: Path
    port: int
    log: Path

    def url(self, database: str = "bench") -> str:
        """A SQLAlchemy URL to ``database`` on this server over loopback TCP."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", *args]),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )

    def restart(self) -> float:
        """Restart the server (a fast shutdown: sessions are cut, nothing committed is lost); returns the seconds taken."""
        start = time.monotonic()
        self._ctl("-m", "fast", "restart")
        return time.monotonic() - start

    def cpu_seconds(self) -> float:
        """CPU seconds used so far by the server: the postmaster and every process it started."""
        try:
            postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return 0.0
        total = process_cpu_seconds(postmaster, with_children=True)
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if int(_stat(int(entry.name))[1]) == postmaster:
                        total += process_cpu_seconds(int(entry.name))
                except (OSError, ValueError, IndexError):
                    continue
        return total

    def stop(self) -> None:
        """Stop the server at once (its data is thrown away with the folder)."""
        with contextlib.suppress(subprocess.SubprocessError):
            self._ctl("-m", "immediate", "stop")


@contextlib.contextmanager
def postgres(options: Sequence[str] = ()) -> Iterator[Postgres]:
    """A new PostgreSQL cluster in a temporary folder on a free loopback port, with an empty ``bench`` database."""
    missing = postgres_missing()
    if missing:
        raise RuntimeError(missing)
    # Its own folder under the system's temporary directory: the postgres user must reach it, and
    # the caller's folder (pytest's, say) may be private to us.
    home = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    data, log, port = home / "data", home / "server.log", free_port()
    subprocess.run(
        _as_postgres(
            [str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=120,
    )
    server = Postgres(data, port, log)
    settings = " ".join(f"-c {o}" for o in ("listen_addresses=127.0.0.1", "max_connections=200", *options))
    server._ctl("-o", f"-p {port} -k {home} {settings}", "start")
    try:
        admin = create_engine(server.url("postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE bench"))
        admin.dispose()
        yield server
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)


@dataclass
class Replica:
    """One ``streamlit run serve.py`` process."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    run_times: Path | None = None
    """With ``timed``: the file where the replica appends each script run's seconds (:mod:`bench._timed_streamlit`)."""

    @property
    def url(self) -> str:
        """Its own address (bypassing HAProxy)."""
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    """HAProxy in front of replicas sharing one database."""

    port: int
    database_url: str
    replicas: list[Replica]
    admin_socket: Path
    haproxy: subprocess.Popen[bytes]
    postgres: Postgres | None = None
    killed: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        """HAProxy's address: what people's browsers would open."""
        return f"http://127.0.0.1:{self.port}"

    def replica(self, name: str) -> Replica:
        """The replica HAProxy calls ``name`` (the value of its STSRV cookie)."""
        return next(r for r in self.replicas if r.name == name)

    def kill(self, name: str) -> None:
        """Kill a replica outright (SIGKILL: no clean-up, as when a machine or container dies)."""
        replica = self.replica(name)
        replica.process.send_signal(signal.SIGKILL)
        replica.process.wait(timeout=30)
        self.killed.append(name)

    def server_states(self) -> dict[str, str]:
        """Each replica's state as HAProxy sees it (``UP``, ``DOWN``, ``UP 1/2``...)."""
        lines = haproxy_command(self.admin_socket, "show stat").splitlines()
        header = lines[0].lstrip("# ").split(",")
        rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:] if line]
        return {r["svname"]: r["status"] for r in rows if r["pxname"] == "streamlit" and r["svname"] != "BACKEND"}

    def wait_states(self, want: dict[str, str], timeout: float = 60.0) -> None:
        """Wait until HAProxy reports each named replica in the wanted state (``UP`` or ``DOWN``)."""
        deadline = time.monotonic() + timeout
        states: dict[str, str] = {}
        while time.monotonic() < deadline:
            states = self.server_states()
            if all(states.get(name, "").split(" ")[0] == state for name, state in want.items()):
                return
            time.sleep(0.2)
        raise RuntimeError(f"HAProxy did not report {want} within {timeout:.0f} s (last seen: {states})")

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time used so far (user + system) by each live replica, HAProxy and PostgreSQL (all its processes)."""
        out = {r.name: process_cpu_seconds(r.process.pid) for r in self.replicas if r.process.poll() is None}
        out["HAProxy"] = process_cpu_seconds(self.haproxy.pid)
        if self.postgres is not None:
            out["PostgreSQL"] = self.postgres.cpu_seconds()
        return out


def _stat(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()  # the fields after "pid (comm) "


def process_cpu_seconds(pid: int, *, with_children: bool = False) -> float:
    """CPU seconds (user + system) of a live process, read from /proc (Linux); 0.0 if it is gone."""
    try:
        fields = _stat(pid)
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if with_children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime: children that have exited
    return ticks / os.sysconf("SC_CLK_TCK")


def haproxy_command(admin_socket: Path, command: str) -> str:
    """Send one command to HAProxy's admin socket and return its answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(10)
        s.connect(str(admin_socket))
        s.sendall(command.encode() + b"\n")
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode()


def render_haproxy(template: str, *, bind: str, servers: Sequence[tuple[str, int]], admin_socket: Path) -> str:
    """``deploy/haproxy.cfg`` with this run's ``bind`` address, one server line per replica and an admin socket.

    Raises:
        RuntimeError: If the template no longer has the lines replaced here.
    """
    out: list[str] = []
    servers_written = bind_written = False
    for line in template.splitlines():
        stripped = line.strip()
        if stripped == "global":
            out += [line, f"    stats socket {admin_socket} mode 600 level admin"]
            continue
        if stripped.startswith("bind "):
            out.append(f"    bind {bind}")
            bind_written = True
            continue
        if stripped.startswith("server "):
            if not servers_written:
                out += [f"    server {name} 127.0.0.1:{port} cookie {name}" for name, port in servers]
                servers_written = True
            continue
        out.append(line)
    if not (servers_written and bind_written):
        raise RuntimeError(f"{TEMPLATE} has no bind or server lines to replace")
    return "\n".join(out) + "\n"


def _start_replica(
    name: str, port: int, env: dict[str, str], log: Path, flags: Sequence[str], run_times: Path | None
) -> Replica:
    process = launch_streamlit(REPO / "serve.py", port, env, log, flags, run_times=run_times)
    return Replica(name, port, process, log, run_times)


def _wait_healthy(replica: Replica, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if replica.process.poll() is not None:
            raise RuntimeError(f"{replica.name} exited:\n{replica.log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{replica.url}/healthz", timeout=5) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{replica.name} was not healthy in {timeout:.0f} s:\n{replica.log.read_text(errors='replace')}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@contextlib.contextmanager
def cluster(
    tmp: Path,
    *,
    replicas: int = 2,
    database: str = "postgresql",
    secrets: Path | None = None,
    port: int | None = None,
    env: dict[str, str] | None = None,
    timed: bool = False,
    postgres_options: Sequence[str] = (),
) -> Iterator[Cluster]:
    """HAProxy on ``port`` (default: a free one) in front of ``replicas`` replicas sharing one database.

    Args:
        tmp: A folder for the database, the logs and HAProxy's configuration.
        replicas: How many ``streamlit run serve.py`` processes.
        database: ``postgresql`` (a server of our own) or ``sqlite`` (a file in ``tmp``).
        secrets: A secrets file given to every replica (e.g. ``[auth]`` with one ``cookie_secret``);
            without one the replicas run single-user.
        port: HAProxy's port, when the caller needs it beforehand (a redirect URI in the secrets).
        env: More environment for the replicas (pool sizes, say).
        timed: Run the replicas under :mod:`bench._timed_streamlit` (each script run's time in ``run_times``).
        postgres_options: Server settings for PostgreSQL (``name=value``), e.g. ``synchronous_commit=off``.
    """
    missing = haproxy_missing() or (postgres_missing() if database == "postgresql" else None)
    if missing:
        raise RuntimeError(missing)
    with contextlib.ExitStack() as stack:
        server: Postgres | None = None
        if database == "postgresql":
            server = stack.enter_context(postgres(postgres_options))
            database_url = server.url()
        elif database == "sqlite":
            database_url = f"sqlite:///{tmp / 'cluster.db'}"
        else:
            raise ValueError(f"database must be postgresql or sqlite, not {database!r}")
        upgrade_database(database_url)  # what `python -m assessments db upgrade` does, once, before the replicas
        # Without a secrets file of the caller's, none at all: whatever .streamlit/secrets.toml this
        # machine has, the replicas run single-user (on loopback, where that is allowed).
        flags = ["--secrets.files", str(secrets or tmp / "no-secrets.toml")]
        started: list[Replica] = []
        for n in range(1, replicas + 1):
            replica = _start_replica(
                f"app{n}",
                free_port(),
                {"DATABASE_URL": database_url, **(env or {})},
                tmp / f"app{n}.log",
                flags,
                tmp / f"app{n}-runs.txt" if timed else None,
            )
            stack.callback(_stop, replica.process)
            started.append(replica)
        for replica in started:
            _wait_healthy(replica)
        admin_socket = tmp / "haproxy.sock"
        port = port or free_port()
        config = tmp / "haproxy.cfg"
        config.write_text(
            render_haproxy(
                TEMPLATE.read_text(encoding="utf-8"),
                bind=f"127.0.0.1:{port}",
                servers=[(r.name, r.port) for r in started],
                admin_socket=admin_socket,
            ),
            encoding="utf-8",
        )
        with (tmp / "haproxy.log").open("wb") as out:
            haproxy = subprocess.Popen([HAPROXY, "-db", "-f", str(config)], stdout=out, stderr=subprocess.STDOUT)
        stack.callback(_stop, haproxy)
        deadline = time.monotonic() + 30
        while not admin_socket.exists():
            if haproxy.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"haproxy did not start:\n{(tmp / 'haproxy.log').read_text(errors='replace')}")
            time.sleep(0.1)
        result = Cluster(port, database_url, started, admin_socket, haproxy, server)
        result.wait_states({r.name: "UP" for r in started})
        yield result


def stop_on_sigterm() -> None:
    """Make SIGTERM end the program like Ctrl-C, so every ``finally`` runs and nothing is left running."""

    def _exit(_signum: int, _frame: object) -> None:
        raise SystemExit(143)

    signal.signal(signal.SIGTERM, _exit)


def main() -> None:
    """Start a cluster and keep it running until interrupted, for trying it in a browser."""
    stop_on_sigterm()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--database", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--secrets", type=Path, help="a secrets file for every replica (e.g. with [auth])")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="bench-cluster-") as d,
        cluster(Path(d), replicas=args.replicas, database=args.database, secrets=args.secrets) as c,
    ):
        print(f"HAProxy: {c.url}   database: {c.database_url}")
        for r in c.replicas:
            print(f"  {r.name}: {r.url}  (log {r.log})")
        print("Ctrl-C stops everything.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


if __name__ == "__main__":
    main()
