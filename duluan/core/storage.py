"""Where uploaded files live: the local disk (default) or an S3-compatible bucket.

``DULUAN_STORAGE_BACKEND`` picks Django's ``STORAGES["default"]``; static files
stay on disk (WhiteNoise or nginx) either way. This module reads the
environment only, so ``config/settings.py`` can call it without importing boto3;
the S3 backend class itself lives in ``duluan.core.s3``.

Files are never served from the bucket: every download goes through a view
that checks access, so the bucket stays private (no ACL is ever set, no signed
or public URL is ever made).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .env import PREFIX, SettingError, env_secret, env_str

FILESYSTEM = "filesystem"
S3 = "s3"
BACKENDS = (FILESYSTEM, S3)
ADDRESSING_STYLES = ("auto", "path", "virtual")
STATICFILES = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def _refuse(vi: str, en: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{vi} / {en}")


def storage_backend() -> str:
    backend = env_str("STORAGE_BACKEND", FILESYSTEM).strip().lower() or FILESYSTEM
    if backend not in BACKENDS:
        raise _refuse(
            f"{PREFIX}STORAGE_BACKEND phải là 'filesystem' hoặc 's3', không phải {backend!r}.",
            f"{PREFIX}STORAGE_BACKEND must be 'filesystem' or 's3', not {backend!r}.",
        )
    return backend


def _secret(name: str) -> str:
    try:
        return (env_secret(name, "") or "").strip()
    except SettingError as exc:
        raise ImproperlyConfigured(str(exc)) from exc


def s3_options() -> dict[str, Any]:
    """The S3 storage's options from ``DULUAN_S3_*``; refuse an unusable combination."""
    bucket = env_str("S3_BUCKET", "").strip()
    if not bucket:
        raise _refuse(
            f"Đã chọn {PREFIX}STORAGE_BACKEND=s3 nhưng chưa đặt {PREFIX}S3_BUCKET "
            "(tên bucket chứa tệp đính kèm).",
            f"{PREFIX}STORAGE_BACKEND=s3 needs {PREFIX}S3_BUCKET (the bucket holding attachments).",
        )
    endpoint = env_str("S3_ENDPOINT_URL", "").strip()
    if endpoint and urlsplit(endpoint).scheme not in ("http", "https"):
        raise _refuse(
            f"{PREFIX}S3_ENDPOINT_URL phải bắt đầu bằng http:// hoặc https://: {endpoint!r}.",
            f"{PREFIX}S3_ENDPOINT_URL must start with http:// or https://: {endpoint!r}.",
        )
    # MinIO and most self-hosted servers answer on path-style URLs only.
    style = env_str("S3_ADDRESSING_STYLE", "").strip().lower() or ("path" if endpoint else "auto")
    if style not in ADDRESSING_STYLES:
        raise _refuse(
            f"{PREFIX}S3_ADDRESSING_STYLE phải là auto, path hoặc virtual, không phải {style!r}.",
            f"{PREFIX}S3_ADDRESSING_STYLE must be auto, path or virtual, not {style!r}.",
        )
    prefix = env_str("S3_PREFIX", "").strip().strip("/")
    if any(part in ("", ".", "..") for part in prefix.split("/")) and prefix:
        raise _refuse(
            f"{PREFIX}S3_PREFIX không hợp lệ: {prefix!r} (không có đoạn rỗng, '.' hoặc '..').",
            f"{PREFIX}S3_PREFIX is not valid: {prefix!r} (no empty, '.' or '..' segment).",
        )
    access_key = _secret("S3_ACCESS_KEY_ID")
    secret_key = _secret("S3_SECRET_ACCESS_KEY")
    if bool(access_key) != bool(secret_key):
        raise _refuse(
            f"Cần đặt cả {PREFIX}S3_ACCESS_KEY_ID và {PREFIX}S3_SECRET_ACCESS_KEY "
            "(hoặc bỏ cả hai để dùng quyền của máy chủ).",
            f"Set both {PREFIX}S3_ACCESS_KEY_ID and {PREFIX}S3_SECRET_ACCESS_KEY "
            "(or neither, to use the host's credentials).",
        )
    return {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": env_str("S3_REGION", "").strip() or None,
        # Empty: boto3's own chain (an instance role, AWS_* variables, ~/.aws).
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "addressing_style": style,
        "location": prefix,
    }


def storages_setting() -> dict[str, dict[str, Any]]:
    """Django's ``STORAGES`` for the chosen backend."""
    if storage_backend() == FILESYSTEM:
        # No OPTIONS: FileSystemStorage follows MEDIA_ROOT (and tests that change it).
        default: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    else:
        default = {"BACKEND": "duluan.core.s3.PrivateS3Storage", "OPTIONS": s3_options()}
    return {"default": default, "staticfiles": dict(STATICFILES)}
