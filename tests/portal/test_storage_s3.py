"""Uploads and packages in S3-compatible object storage, against a real S3 server over HTTP.

The server is moto's server mode (``moto_server`` from PyPI's ``moto[server]``, a dev
dependency), started as its own process on 127.0.0.1 at a free port — the portal talks to it
through django-storages and boto3 exactly as it would to MinIO, Ceph or AWS. The storage
settings are produced by ``oqu.portal.settings`` itself from the ``OQU_S3_*`` variables of
docs/deployment.md (executed afresh with those variables), then applied with
``override_settings`` so the running test process uses them.

Covered: a submission through HTTP stores the upload, syllabus and minutes extract in the
bucket; the check job (inline) reads the upload back from S3 and stores the built package there;
the reviewer downloads the upload (bytes equal); the sandboxed ``/play/`` route serves a file
from the package in S3; links are signed; deleting removes the object.
"""

from __future__ import annotations

import os
import runpy
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from oqu.portal.workflow.models import Resource, Version
from tests.portal.conftest import Org, fresh

BUCKET = "oqu-test"
KEY_ID, SECRET = "oqu-test-key", "oqu-test-secret"  # moto accepts any credentials


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    exe = shutil.which("moto_server", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("moto_server is missing: pip install -e '.[dev]' (moto[server])")
    port = _free_port()
    proc = subprocess.Popen(
        [exe, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/moto-api/", timeout=1).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None:
                    pytest.fail(f"moto_server exited with {proc.returncode}")
                time.sleep(0.05)
        else:
            pytest.fail("moto_server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def s3_storages(s3_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """STORAGES as ``oqu.portal.settings`` builds it from the documented environment."""
    env = {
        "OQU_S3_BUCKET": BUCKET,
        "OQU_S3_ENDPOINT_URL": s3_endpoint,
        "OQU_S3_REGION": "us-east-1",
        "OQU_S3_ACCESS_KEY_ID": KEY_ID,
        "OQU_S3_SECRET_ACCESS_KEY": SECRET,
        "OQU_DATA_DIR": str(tmp_path_factory.mktemp("s3-settings")),
        "SECRET_KEY": "x" * 50,
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        import oqu.portal

        ns = runpy.run_path(str(Path(oqu.portal.__file__).parent / "settings.py"))
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    storages: dict[str, Any] = ns["STORAGES"]
    import boto3  # type: ignore[import-untyped]

    boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
    ).create_bucket(Bucket=BUCKET)
    return storages


@pytest.fixture
def s3(s3_storages: dict[str, Any]) -> Iterator[Any]:
    """The test runs with the S3 storage; yields a boto3 client on the same bucket."""
    import boto3

    opts = s3_storages["default"]["OPTIONS"]
    client = boto3.client(
        "s3",
        endpoint_url=opts["endpoint_url"],
        region_name=opts["region_name"],
        aws_access_key_id=opts["access_key"],
        aws_secret_access_key=opts["secret_key"],
    )
    with override_settings(STORAGES=s3_storages):
        yield client


def _keys(client: Any) -> set[str]:
    out = client.list_objects_v2(Bucket=BUCKET)
    return {o["Key"] for o in out.get("Contents", [])}


def test_settings_choose_s3_from_the_environment(s3_storages: dict[str, Any]) -> None:
    default = s3_storages["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == BUCKET
    assert default["OPTIONS"]["querystring_auth"] is True  # private objects, signed links
    assert default["OPTIONS"]["file_overwrite"] is False


def test_storage_round_trip_and_signed_link(s3: Any) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage, storages

    assert type(storages["default"]).__name__ == "S3Storage"
    name = default_storage.save("probe/қазақша.txt", ContentFile("Сәлем, S3".encode()))
    try:
        assert name in _keys(s3)
        with default_storage.open(name, "rb") as fh:
            assert fh.read().decode() == "Сәлем, S3"
        url = default_storage.url(name)
        assert "X-Amz-Signature=" in url or "Signature=" in url, url
        with urllib.request.urlopen(url, timeout=10) as r:
            assert r.read().decode() == "Сәлем, S3"
        # file_overwrite is off: a second save under the same name gets a new name
        other = default_storage.save("probe/қазақша.txt", ContentFile(b"2"))
        assert other != name
        default_storage.delete(other)
    finally:
        default_storage.delete(name)
    assert name not in _keys(s3)
    assert not default_storage.exists(name)


def test_submission_check_review_play_and_delete_in_s3(
    s3: Any, org: Org, resource: Resource, submit: Any, source_zip: bytes
) -> None:
    before = _keys(s3)
    response = submit(resource, source_zip)
    assert response.status_code == 302, getattr(response, "content", b"")[:2000]
    version = Version.objects.get(resource=resource, number=1)
    # the upload and both supporting documents are objects in the bucket
    stored = _keys(s3) - before
    for field in (version.upload, version.syllabus, version.minutes_extract):
        assert field.name in stored, (field.name, stored)
    # the check job read the upload back from S3 and stored the built SCORM package there
    assert version.job_state == "done", (version.job_state, version.job_message)
    assert version.package and version.package.name in _keys(s3)
    head = s3.head_object(Bucket=BUCKET, Key=version.upload.name)
    assert head["ContentLength"] == len(source_zip)
    # the reviewer downloads the upload: the same bytes, read from S3 through the portal
    reviewer = org.client("reviewer")
    got = reviewer.get(f"/resources/{resource.pk}/v/1/files/upload/")
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == source_zip  # type: ignore[attr-defined]
    # the sandboxed player serves a file of the package stored in S3
    from oqu.portal.workflow.player import play_url as _play_url

    play = _play_url(version)
    page = reviewer.get(play)
    assert page.status_code == 200
    assert b"<html" in page.content.lower()
    assert page["Content-Security-Policy"].startswith("sandbox allow-scripts")
    assert reviewer.get(play.rsplit("/", 1)[0] + "/no-such-file.html").status_code == 404
    # delete: the objects go, and the portal no longer finds them
    names = [f.name for f in (version.upload, version.syllabus, version.minutes_extract,
                              version.package)]  # fmt: skip
    for f in (version.upload, version.syllabus, version.minutes_extract, version.package):
        assert f.name
        f.storage.delete(f.name)
    assert not set(names) & _keys(s3)
    assert fresh(resource).versions.count() == 1  # the record stays; only the objects went
