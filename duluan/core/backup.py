"""Backups with checksums: SQLite (online backup API) or PostgreSQL (pg_dump), plus media.

A backup is one tar file: ``manifest.json`` (engine, sizes, SHA-256 of every
member) then the members. Restoring checks every size and checksum first, so
a truncated or altered file is refused before anything is touched.

With ``DULUAN_STORAGE_BACKEND=s3`` the attachments live in the bucket, whose
own versioning or replication is their backup: ``media.tar`` is then empty and
the manifest names the bucket. Restoring a backup that holds files into an S3
deployment uploads those the bucket lacks (the way from disk to S3); objects in
the bucket are never deleted by a restore.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections
from django.utils import timezone

from duluan import __version__

from .errors import ApplicationError

FORMAT = 1
CHUNK = 1024 * 1024


class BackupError(ApplicationError):
    pass


@dataclass
class BackupInfo:
    path: Path
    engine: str
    members: dict[str, dict[str, Any]]
    created_at: str
    # Where the attachments were when the backup was made: "filesystem" (in
    # media.tar) or "s3" (not in the backup: in ``media_bucket``).
    media_storage: str = "filesystem"
    media_bucket: str = ""
    files_uploaded: int = 0


def _engine() -> str:
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {engine}.")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"Không tìm thấy {name}: cài gói postgresql-client cùng phiên bản máy chủ."
        )
    return path


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["-h", str(db.get("HOST") or "localhost"), "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args, env


def _dump_database(workdir: Path) -> Path:
    engine = _engine()
    if engine == "sqlite":
        target = workdir / "db.sqlite3"
        source = connections["default"]
        source.ensure_connection()
        raw = source.connection
        assert raw is not None
        with sqlite3.connect(target) as destination:
            raw.backup(destination)
        return target
    target = workdir / "db.pgdump"
    args, env = _pg_env()
    name = str(settings.DATABASES["default"]["NAME"])
    subprocess.run(  # noqa: S603
        [_tool("pg_dump"), "-Fc", "--no-owner", *args, "-f", str(target), name],
        check=True,
        env=env,
    )
    return target


def backup_create(destination: Path) -> BackupInfo:
    """Write a backup file (atomically: a temporary name, then renamed)."""
    engine = _engine()
    destination = destination.resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=destination.parent) as tmp:
        workdir = Path(tmp)
        members = [_dump_database(workdir)]
        media = Path(settings.MEDIA_ROOT)
        media_tar = workdir / "media.tar"
        in_bucket = _media_in_bucket()
        with tarfile.open(media_tar, "w") as archive:
            if not in_bucket and media.exists():
                archive.add(media, arcname="media")
        members.append(media_tar)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "engine": engine,
            "created_at": timezone.now().isoformat(),
            "app_version": __version__,
            "media": _media_description(),
            "members": {m.name: {"size": m.stat().st_size, "sha256": _sha256(m)} for m in members},
        }
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            blob = json.dumps(manifest, indent=2).encode("utf-8")
            info = tarfile.TarInfo("manifest.json")
            info.size = len(blob)
            archive.addfile(info, io.BytesIO(blob))
            for member in members:
                archive.add(member, arcname=member.name)
        os.replace(partial, destination)
    return _info(destination, manifest)


def _media_in_bucket() -> bool:
    return getattr(settings, "STORAGE_BACKEND", "filesystem") == "s3"


def _media_description() -> dict[str, str]:
    if not _media_in_bucket():
        return {"storage": "filesystem"}
    options = settings.STORAGES["default"].get("OPTIONS", {})
    return {
        "storage": "s3",
        "bucket": str(options.get("bucket_name") or ""),
        "prefix": str(options.get("location") or ""),
    }


def _info(path: Path, manifest: dict[str, Any]) -> BackupInfo:
    media = manifest.get("media") or {"storage": "filesystem"}
    return BackupInfo(
        path,
        manifest["engine"],
        manifest["members"],
        manifest["created_at"],
        media_storage=str(media.get("storage", "filesystem")),
        media_bucket=str(media.get("bucket", "")),
    )


def backup_verify(path: Path, extract_to: Path | None = None) -> BackupInfo:
    """Check a backup completely; optionally extract its members while checking."""
    broken = BackupError(
        "Tệp sao lưu bị hỏng hoặc không đầy đủ (sai kích thước hoặc tổng kiểm tra); không khôi phục."
    )
    try:
        with tarfile.open(path, "r:") as archive:
            first = archive.next()
            if first is None or first.name != "manifest.json":
                raise broken
            handle = archive.extractfile(first)
            assert handle is not None
            manifest = json.loads(handle.read())
            expected: dict[str, dict[str, Any]] = manifest["members"]
            seen: set[str] = set()
            for member in archive:
                if member is first:
                    continue
                if member.name not in expected or not member.isfile():
                    raise broken
                digest = hashlib.sha256()
                size = 0
                stream = archive.extractfile(member)
                assert stream is not None
                out = (extract_to / member.name).open("wb") if extract_to else None
                try:
                    for block in iter(lambda s=stream: s.read(CHUNK), b""):  # type: ignore[misc]
                        digest.update(block)
                        size += len(block)
                        if out:
                            out.write(block)
                finally:
                    if out:
                        out.close()
                meta = expected[member.name]
                if size != meta["size"] or digest.hexdigest() != meta["sha256"]:
                    raise broken
                seen.add(member.name)
            if seen != set(expected):
                raise broken
    except (tarfile.TarError, OSError, EOFError, ValueError, KeyError) as exc:
        raise broken from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("Định dạng tệp sao lưu không được hỗ trợ.")
    return _info(path, manifest)


def _restore_sqlite(dump: Path) -> None:
    target = Path(str(settings.DATABASES["default"]["NAME"]))
    connections.close_all()
    staged = target.with_name(target.name + ".restoring")
    shutil.copyfile(dump, staged)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    os.replace(staged, target)


def _restore_postgresql(dump: Path) -> None:
    args, env = _pg_env()
    name = str(settings.DATABASES["default"]["NAME"])
    connections.close_all()
    subprocess.run(  # noqa: S603
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            "-d",
            name,
            str(dump),
        ],
        check=True,
        env=env,
    )


def database_other_connections() -> int | None:
    """Client connections to this database other than ours; ``None`` where unknowable.

    PostgreSQL: ``pg_stat_activity`` (client backends only, so autovacuum does not
    count). SQLite keeps no list of its readers (WAL mode lets them in even
    under an exclusive lock), so nothing is checked there: the embedded
    default is one process, stopped by hand before a restore.
    """
    if _engine() != "postgresql":
        return None
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def backup_restore(path: Path, *, force: bool = False) -> BackupInfo:
    """Verify, then replace the database and media with the backup's.

    Refused while other processes (web, worker, beat) are connected to the
    database, unless ``force``: they would keep writing into, or reading
    half of, a database being replaced (docs/operations.md, restore order).
    """
    engine = _engine()
    others = database_other_connections()
    if others and not force:
        raise BackupError(
            f"Cơ sở dữ liệu đang có {others} kết nối khác (máy chủ web, worker hoặc beat "
            "còn chạy?). Dừng chúng trước (systemctl stop duluan-web duluan-worker "
            "duluan-beat) rồi khôi phục lại, hoặc thêm --force nếu chắc chắn."
        )
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        info = backup_verify(path, extract_to=workdir)
        if info.engine != engine:
            raise BackupError(
                f"Bản sao lưu của cơ sở dữ liệu {info.engine} không khôi phục được vào {engine}."
            )
        if engine == "sqlite":
            _restore_sqlite(workdir / "db.sqlite3")
        else:
            _restore_postgresql(workdir / "db.pgdump")
        media = Path(settings.MEDIA_ROOT)
        with tarfile.open(workdir / "media.tar", "r:") as archive:
            staging = workdir / "media-restore"
            archive.extractall(staging, filter="data")
        if (staging / "media").exists():
            if _media_in_bucket():
                info.files_uploaded = _upload_missing(staging / "media")
            else:
                if media.exists():
                    shutil.rmtree(media)
                shutil.copytree(staging / "media", media)
    return info


def _upload_missing(folder: Path) -> int:
    """Put the backup's files the bucket lacks under their own names; keep the rest."""
    uploaded = 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if default_storage.exists(name):
            continue
        with path.open("rb") as handle:
            saved = default_storage.save(name, File(handle, name=path.name))
        if saved != name:  # the storage renamed it: the rows would not find it
            raise BackupError(f"Không tải được tệp {name} lên bucket dưới đúng tên của nó.")
        uploaded += 1
    return uploaded
