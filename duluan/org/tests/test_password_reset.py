from __future__ import annotations

import re

from django.core import mail
from django.test import Client

from duluan.org.choices import Role


def test_password_reset_by_email_round_trip(org_tree) -> None:
    user = org_tree.user("cs_a1", Role.COLLABORATOR)
    user.email = "ctv@example.org"
    user.save()
    client = Client()
    response = client.post("/mat-khau/quen/", {"email": "ctv@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = str(mail.outbox[0].body)
    assert "đặt lại mật khẩu" in body.lower()
    link = re.search(r"http://testserver(/mat-khau/dat-lai/\S+/)", body)
    assert link
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200 and "Đặt mật khẩu mới" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "mot-mat-khau-moi-rat-dai", "new_password2": "mot-mat-khau-moi-rat-dai"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("mot-mat-khau-moi-rat-dai")


def test_unknown_email_reveals_nothing(org_tree) -> None:
    response = Client().post("/mat-khau/quen/", {"email": "khong-co@example.org"})
    assert response.status_code == 302 and response["Location"] == "/mat-khau/da-gui/"
    assert len(mail.outbox) == 0
