"""Redis over TLS with an ACL user (certificates made by the test; Debian's redis-server, since the embedded
Valkey is built without TLS), and no personal data in logs or metrics."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from .conftest import Stack, Worker, free_port, wait_for
from .helpers import alerts_by_event, encode, event, publish

pytestmark = pytest.mark.integration


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_certificates(home: Path) -> None:
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "1",
        "-subj",
        "/CN=pantau-test-ca",
        cwd=home,
    )
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
        cwd=home,
    )
    (home / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\n")
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "1",
        "-extfile",
        "ext.cnf",
        cwd=home,
    )


def test_redis_over_tls_with_an_acl_user(stack: Stack, tmp_path: Path) -> None:
    server = shutil.which("redis-server")
    assert server, "Debian's redis-server is missing: `make tools` installs it"
    make_certificates(tmp_path)
    port = free_port()
    (tmp_path / "redis.conf").write_text(
        f"port 0\ntls-port {port}\nbind 127.0.0.1\ntls-cert-file {tmp_path}/server.crt\n"
        f"tls-key-file {tmp_path}/server.key\ntls-ca-cert-file {tmp_path}/ca.crt\ntls-auth-clients no\n"
        f'save ""\nappendonly no\ndir {tmp_path}\n'
        "user default off\n"
        "user pantau on >sandi-redis-pantau ~pantau:* &* +@all -@dangerous\n"
    )
    process = subprocess.Popen(
        [server, str(tmp_path / "redis.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    ca = tmp_path / "ca.crt"
    good = f"rediss://pantau:sandi-redis-pantau@127.0.0.1:{port}/0?ssl_ca_certs={ca}&ssl_cert_reqs=required"

    def pantau(url: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pantau", *args],
            env=stack.env(PANTAU_REDIS_URL=url),
            capture_output=True,
            text=True,
            timeout=60,
        )

    try:
        import redis

        client = redis.Redis.from_url(good)
        wait_for(lambda: _pings(client), 20, "the TLS Redis")
        changed = pantau(good, "thresholds", "set", "hoax", "0.33", "--by", "uji", "--reason", "tls")
        assert changed.returncode == 0, changed.stderr
        assert "0.330  live" in pantau(good, "thresholds", "show").stdout
        assert client.hget("pantau:thresholds", "hoax") == b"0.33"
        with pytest.raises(redis.exceptions.NoPermissionError):
            client.flushall()  # the ACL user cannot do dangerous things
        with pytest.raises(redis.exceptions.NoPermissionError):
            client.set("other:key", "x")  # nor touch keys outside pantau:*
        wrong = good.replace("sandi-redis-pantau", "salah")
        refused = pantau(wrong, "thresholds", "show")
        assert refused.returncode != 0 and "sandi-redis-pantau" not in refused.stderr + refused.stdout
        plain = pantau(f"redis://pantau:sandi-redis-pantau@127.0.0.1:{port}/0", "thresholds", "show")
        assert plain.returncode != 0  # no cleartext on a TLS port
    finally:
        process.terminate()
        process.wait(timeout=20)


def _pings(client: object) -> bool:
    try:
        return bool(client.ping())  # type: ignore[attr-defined]
    except Exception:
        return False


def test_no_personal_data_in_logs_or_metrics(stack: Stack, worker: Worker, tmp_path: Path) -> None:
    name, nip, handle = "Rahmat Hidayatullah", "198501012010011001", "@rahmat_hidayat_pns"
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "platform,account_id,handle,nip,name,opd,status,region\n"
        f"x,77001,{handle},{nip},{name},Dinas Kesehatan,PNS,Kota Sukamaju\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "pantau", "roster", "import", str(roster)],
        env=stack.env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    prefix = f"pii{uuid.uuid4().hex[:6]}"
    posts = []
    for i in range(5):
        body = event(f"{prefix}-{i}", text=f"Ayo coblos paslon 2, salam dari {name}")
        body["account"] = {"id": "77001", "handle": handle}
        posts.append(encode(body))
    broken = [(f"{prefix}-bad".encode(), f'{{"event_id": "{prefix}-bad", "account": {{"handle": "{handle}"'.encode())]
    publish(stack.bootstrap, posts + broken)
    wait_for(lambda: len(alerts_by_event(stack.redis.url, prefix)) == 5, 60, "the alerts")
    wait_for(lambda: worker.outcomes()["rejected"] >= 1, 30, "the dead letter")
    exposed = worker.log.read_text(errors="replace") + "\n".join(worker.metrics())
    exposed += subprocess.run(
        [sys.executable, "-m", "pantau", "--verbose", "thresholds", "show"],
        env=stack.env(),
        capture_output=True,
        text=True,
        timeout=60,
    ).stderr
    for secret in (name, nip, handle, "Hidayat"):
        assert secret not in exposed, f"{secret!r} appears in a log or in /metrics"


def test_purge_drops_old_data_keeps_pending_escalations_and_a_verifiable_audit_chain(stack: Stack) -> None:
    import asyncio
    import json
    import time

    import redis
    import redis.asyncio as aioredis

    from pantau.stores.alerts import RedisAlertSink
    from pantau.stores.audit import AuditItem, AuditLog
    from pantau.stores.escalations import EscalationStore

    url = stack.redis.url.rsplit("/", 1)[0] + "/6"
    redis.Redis.from_url(url).flushdb()
    alert = {
        "alert_id": "old-1",
        "type": "hoax",
        "severity": "low",
        "event_id": "e-old",
        "detected_at": "t",
        "asn": {"nip_hash": "h-old"},
        "excerpt": "x",
    }

    async def seed() -> None:
        client = aioredis.from_url(url)
        await RedisAlertSink(client, ttl_s=3600, stream_maxlen=1000).write([alert])
        await AuditLog(client).append([AuditItem("alert", f"k{i}", "uji", {"i": i}) for i in range(5)])
        store = EscalationStore(client, ttl_s=3600)
        await store.enqueue({"escalation_id": "esc-pending", "status": "pending", "created_at": "t"}, b"{}", None)
        await client.aclose()

    asyncio.run(seed())
    time.sleep(1.1)
    env = stack.env(PANTAU_REDIS_URL=url)
    dry = subprocess.run(
        [sys.executable, "-m", "pantau", "purge", "--older-than-days", "0", "--dry-run"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert dry.returncode == 0 and "would delete" in dry.stdout and "alerts 1" in dry.stdout, dry.stderr
    done = subprocess.run(
        [sys.executable, "-m", "pantau", "purge", "--older-than-days", "0", "--yes"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    client = redis.Redis.from_url(url)
    assert client.get("pantau:alert:old-1") is None and client.xlen("pantau:alerts") == 0
    assert client.zcard("pantau:person:h-old:alerts") == 0
    assert json.loads(client.get("pantau:escalation:esc-pending"))["status"] == "pending"
    assert client.xlen("pantau:audit") == 0
    verified = subprocess.run(
        [sys.executable, "-m", "pantau", "audit", "verify"], env=env, capture_output=True, text=True, timeout=60
    )
    assert verified.returncode == 0, verified.stderr
