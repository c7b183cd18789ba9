import pytest
from tests.portal.conftest import Org
pytestmark = pytest.mark.django_db
def test_x(org: Org, resource, source_zip):
    b = "XyZbOuNdArY"
    def part(name, filename, data, ctype="application/octet-stream"):
        return (f'--{b}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f'Content-Type: {ctype}\r\n\r\n').encode() + data + b"\r\n"
    body = part("package", "a" * 1200 + ".zip", source_zip) + part("syllabus", "s.txt", b"1. x\n") + part("minutes_extract", "m.txt", b"x") + f"--{b}--\r\n".encode()
    c = org.client("author")
    r = c.generic("POST", f"/resources/{resource.pk}/submit/", body, content_type=f"multipart/form-data; boundary={b}")
    print(r.status_code, r.content[:300].decode())
