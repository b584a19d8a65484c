"""DULUAN_STORAGE_BACKEND and DULUAN_S3_*: parsed into Django's STORAGES, refused
clearly when unusable, and warned about by ``check --deploy``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from duluan.core.storage import storages_setting
from duluan.core.storage_checks import storage_deploy_checks

S3_VARS = (
    "STORAGE_BACKEND",
    "S3_BUCKET",
    "S3_ENDPOINT_URL",
    "S3_REGION",
    "S3_ACCESS_KEY_ID",
    "S3_ACCESS_KEY_ID_FILE",
    "S3_SECRET_ACCESS_KEY",
    "S3_SECRET_ACCESS_KEY_FILE",
    "S3_ADDRESSING_STYLE",
    "S3_PREFIX",
)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> Any:
    for name in S3_VARS:
        monkeypatch.delenv("DULUAN_" + name, raising=False)

    def set_env(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv("DULUAN_" + name, value)

    return set_env


def test_filesystem_is_the_default_and_follows_media_root(env: Any) -> None:
    storages = storages_setting()
    assert storages["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert storages["staticfiles"]["BACKEND"].endswith("StaticFilesStorage")


def test_minio_settings_become_private_s3_options(env: Any, tmp_path: Path) -> None:
    secret = tmp_path / "s3-secret"
    secret.write_text("bi-mat-rat-dai\n", encoding="utf-8")
    env(
        STORAGE_BACKEND="S3",
        S3_BUCKET="duluan-tep",
        S3_ENDPOINT_URL="https://minio.lan:9000",
        S3_REGION="us-east-1",
        S3_ACCESS_KEY_ID="duluan",
        S3_SECRET_ACCESS_KEY_FILE=str(secret),
        S3_PREFIX="/tinh-a/dinh-kem/",
    )
    default = storages_setting()["default"]
    assert default["BACKEND"] == "duluan.core.s3.PrivateS3Storage"
    assert default["OPTIONS"] == {
        "bucket_name": "duluan-tep",
        "endpoint_url": "https://minio.lan:9000",
        "region_name": "us-east-1",
        "access_key": "duluan",
        "secret_key": "bi-mat-rat-dai",
        "addressing_style": "path",  # an endpoint given: MinIO answers path-style
        "location": "tinh-a/dinh-kem",
    }


def test_aws_without_keys_uses_the_host_credentials(env: Any) -> None:
    env(STORAGE_BACKEND="s3", S3_BUCKET="duluan-tep")
    options = storages_setting()["default"]["OPTIONS"]
    assert options["access_key"] is None and options["secret_key"] is None
    assert options["addressing_style"] == "auto"
    assert options["endpoint_url"] is None


def test_private_storage_cannot_be_loosened_by_options() -> None:
    from duluan.core.s3 import PrivateS3Storage

    storage = PrivateS3Storage(
        bucket_name="duluan-tep",
        default_acl="public-read",
        file_overwrite=True,
        querystring_auth=True,
    )
    assert storage.default_acl is None
    assert storage.file_overwrite is False
    assert storage.querystring_auth is False


@pytest.mark.parametrize(
    "values,vi,en",
    [
        ({"STORAGE_BACKEND": "s3"}, "chưa đặt DULUAN_S3_BUCKET", "needs DULUAN_S3_BUCKET"),
        ({"STORAGE_BACKEND": "ftp"}, "phải là 'filesystem' hoặc 's3'", "must be 'filesystem'"),
        (
            {"STORAGE_BACKEND": "s3", "S3_BUCKET": "b", "S3_ACCESS_KEY_ID": "k"},
            "Cần đặt cả",
            "Set both",
        ),
        (
            {"STORAGE_BACKEND": "s3", "S3_BUCKET": "b", "S3_ENDPOINT_URL": "minio:9000"},
            "phải bắt đầu bằng http",
            "must start with http",
        ),
        (
            {"STORAGE_BACKEND": "s3", "S3_BUCKET": "b", "S3_ADDRESSING_STYLE": "dns"},
            "auto, path hoặc virtual",
            "must be auto, path or virtual",
        ),
        (
            {"STORAGE_BACKEND": "s3", "S3_BUCKET": "b", "S3_PREFIX": "tinh/../khac"},
            "S3_PREFIX không hợp lệ",
            "is not valid",
        ),
    ],
)
def test_unusable_settings_are_refused_in_both_languages(
    env: Any, values: dict[str, str], vi: str, en: str
) -> None:
    env(**values)
    with pytest.raises(ImproperlyConfigured) as refused:
        storages_setting()
    assert vi in str(refused.value)
    assert en in str(refused.value)


def test_unreadable_secret_file_is_refused(env: Any, tmp_path: Path) -> None:
    env(
        STORAGE_BACKEND="s3",
        S3_BUCKET="b",
        S3_ACCESS_KEY_ID="k",
        S3_SECRET_ACCESS_KEY_FILE=str(tmp_path / "missing"),
    )
    with pytest.raises(ImproperlyConfigured, match="S3_SECRET_ACCESS_KEY_FILE cannot be read"):
        storages_setting()


def test_deploy_check_warns_of_plain_keys_and_http_off_loopback(
    env: Any, settings: Any, tmp_path: Path
) -> None:
    env(
        STORAGE_BACKEND="s3",
        S3_BUCKET="b",
        S3_ENDPOINT_URL="http://minio.lan:9000",
        S3_ACCESS_KEY_ID="k",
        S3_SECRET_ACCESS_KEY="s",
    )
    settings.STORAGE_BACKEND = "s3"
    settings.STORAGES = storages_setting()
    assert sorted(str(m.id) for m in storage_deploy_checks()) == [
        "duluan.W160",
        "duluan.W160",
        "duluan.W161",
    ]

    key_file = tmp_path / "key"
    key_file.write_text("s", encoding="utf-8")
    env(
        S3_ENDPOINT_URL="http://127.0.0.1:9000",
        S3_ACCESS_KEY_ID_FILE=str(key_file),
        S3_SECRET_ACCESS_KEY_FILE=str(key_file),
    )
    settings.STORAGES = storages_setting()
    assert storage_deploy_checks() == []


def test_deploy_check_is_silent_on_the_filesystem(env: Any, settings: Any) -> None:
    settings.STORAGE_BACKEND = "filesystem"
    assert storage_deploy_checks() == []


def test_register_names_the_bucket_where_files_live(env: Any, settings: Any) -> None:
    from duluan.core.files import files_location

    settings.STORAGE_BACKEND = "filesystem"
    assert "DULUAN_MEDIA_ROOT" in files_location()
    env(
        STORAGE_BACKEND="s3",
        S3_BUCKET="duluan-tep",
        S3_ENDPOINT_URL="https://minio.lan:9000",
        S3_REGION="us-east-1",
        S3_PREFIX="tinh-a",
    )
    settings.STORAGE_BACKEND = "s3"
    settings.STORAGES = storages_setting()
    assert files_location() == (
        "bucket S3 duluan-tep, thư mục tinh-a, máy chủ minio.lan, vùng us-east-1"
    )
    env(S3_ENDPOINT_URL="", S3_REGION="ap-southeast-1", S3_PREFIX="")
    settings.STORAGES = storages_setting()
    assert files_location() == "bucket S3 duluan-tep, Amazon S3, vùng ap-southeast-1"


def test_health_on_disk_needs_a_writable_media_folder(settings: Any, tmp_path: Path) -> None:
    from duluan.core.files import files_health

    settings.STORAGE_BACKEND = "filesystem"
    settings.MEDIA_ROOT = tmp_path / "media"
    assert files_health() is None
    assert (tmp_path / "media").is_dir()
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    settings.MEDIA_ROOT = blocker / "media"
    assert files_health() is not None


def test_large_downloads_spool_to_disk_not_memory() -> None:
    from duluan.core.s3 import PrivateS3Storage

    assert PrivateS3Storage(bucket_name="duluan-tep").max_memory_size == 2 * 1024 * 1024
