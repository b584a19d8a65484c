"""The S3-compatible storage for uploaded files (AWS S3, MinIO, Ceph RGW...).

Imported only when ``DULUAN_STORAGE_BACKEND=s3`` and a file is first touched,
so boto3 costs nothing to a process that never opens one.
"""

from __future__ import annotations

from typing import Any

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """S3 storage that can only be read through duluan.

    Pinned here rather than left to settings, so no environment can loosen them:
    no ACL on any object (the bucket's own private policy applies), never an
    overwrite (two uploads with one name get two objects), and no URL at all:
    every download goes through a view that checks the reader's access.
    """

    default_acl = None
    file_overwrite = False
    querystring_auth = False

    def __init__(self, **options: Any) -> None:
        options.update(default_acl=None, file_overwrite=False, querystring_auth=False)
        # A download is read into a spooled buffer: past 2 MB it goes to a
        # temporary file rather than memory (django-storages' default, 0, never does).
        options.setdefault("max_memory_size", 2 * 1024 * 1024)
        super().__init__(**options)

    def url(self, name: str | None, *args: Any, **kwargs: Any) -> str:
        raise NotImplementedError(
            "Tệp trong bucket không có đường dẫn công khai; chỉ tải qua trang có kiểm tra quyền."
        )
