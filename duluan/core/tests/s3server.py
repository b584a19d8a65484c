"""A real S3-compatible server on loopback for tests (moto's, in a thread).

``s3_server`` starts one per test module (about a second); ``s3_storage``
gives each test its own empty bucket and points Django's default storage at it
through the same ``DULUAN_S3_*`` parsing production uses. Nothing leaves the
machine: the endpoint is 127.0.0.1 on a free port.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from duluan.core.storage import storages_setting

REGION = "us-east-1"
KEY_ID = "duluan-test-key"
SECRET = "duluan-test-secret"  # moto's server accepts any key


@dataclass
class S3Bucket:
    endpoint: str
    name: str
    prefix: str
    client: Any

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(entry["Key"] for entry in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return bytes(self.client.get_object(Bucket=self.name, Key=key)["Body"].read())


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def s3_client(endpoint: str) -> Any:
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
    )


def s3_env(endpoint: str, bucket: str, prefix: str) -> dict[str, str]:
    """The environment an operator would write for this bucket."""
    return {
        "DULUAN_STORAGE_BACKEND": "s3",
        "DULUAN_S3_BUCKET": bucket,
        "DULUAN_S3_ENDPOINT_URL": endpoint,
        "DULUAN_S3_REGION": REGION,
        "DULUAN_S3_ACCESS_KEY_ID": KEY_ID,
        "DULUAN_S3_SECRET_ACCESS_KEY": SECRET,
        "DULUAN_S3_PREFIX": prefix,
    }


@pytest.fixture
def s3_storage(s3_server: str, settings: Any, monkeypatch: pytest.MonkeyPatch) -> S3Bucket:
    name = f"duluan-test-{uuid.uuid4().hex[:12]}"
    client = s3_client(s3_server)
    client.create_bucket(Bucket=name)
    for key, value in s3_env(s3_server, name, "tinh-thu").items():
        monkeypatch.setenv(key, value)
    settings.STORAGE_BACKEND = "s3"
    settings.STORAGES = storages_setting()  # resets default_storage (Django's setting_changed)
    return S3Bucket(endpoint=s3_server, name=name, prefix="tinh-thu/", client=client)
