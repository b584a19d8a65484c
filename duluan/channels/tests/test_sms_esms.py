"""SMS through eSMS.vn's short-code service (``sms_esms.py``): eSMS forwards each
message sent to the short code as an HTTP GET, signed with the CP's private key
(https://developers.esms.vn/esms-api/ket-noi-ma-svoucher/ket-noi-dau-so-ngan), and
takes the reply to the sender from our answer, ``<ClientResponse>``."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from defusedxml import ElementTree
from django.test import Client

from duluan.channels.choices import MessageState
from duluan.channels.keys import sender_key
from duluan.channels.models import ChannelMessage
from duluan.channels.sms_esms import esms_sign
from duluan.conftest import OrgTree
from duluan.core.tests.deploy_check import deploy_check
from duluan.intake.models import Report

KEY = "17417a0d20114d36a902e49cad0e97f3"
CPID = "CP0042"
ROOT = Path(__file__).resolve().parents[3]


def mo(
    smsid: str = "a1b2c3", text: str = "GOPY Cong ty may cham luong", **extra: str
) -> dict[str, str]:
    fields = {
        "sender": "84912345678",
        "content": text,
        "serviceNumber": "8077",
        "keyword": text.partition(" ")[0],
        "cpid": CPID,
        "smsid": smsid,
        "receiverTime": "20261203094000",
    }
    fields["sign"] = esms_sign(
        cpid=CPID,
        smsid=smsid,
        content=text,
        receiver_time=fields["receiverTime"],
        key=KEY,
    )
    return fields | extra


def get(fields: dict[str, str]) -> Any:
    return Client().get("/kenh/webhook/sms/?" + urlencode(fields, quote_via=quote))


@pytest.fixture
def esms(endpoints: OrgTree, settings: Any) -> OrgTree:
    settings.CHANNELS = ["sms"]
    settings.ESMS_PRIVATE_KEY = KEY
    settings.ESMS_CPID = CPID
    return endpoints


def test_the_sign_is_base64_of_md5_over_the_documented_fields_then_the_key() -> None:
    # The page's example: hash("abcdef", "1234", "xyz") = MD5("abcdef1234xyz" + key),
    # and its sample code encodes the digest in Base64.
    digest = hashlib.md5(b"abcdef1234xyz" + KEY.encode()).digest()  # noqa: S324 (eSMS's scheme)
    assert esms_sign(cpid="abcdef", smsid="1234", content="xyz", receiver_time="", key=KEY) == (
        base64.b64encode(digest).decode()
    )


@pytest.mark.django_db(transaction=True)
def test_a_signed_mo_files_one_report_at_the_short_codes_unit_and_answers_the_sender(
    esms: OrgTree,
) -> None:
    response = get(mo())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    answer = ElementTree.fromstring(response.content)
    assert answer.tag == "ClientResponse"
    report = Report.objects.get()
    assert answer.findtext("Smsid") == "a1b2c3"
    assert answer.findtext("Receiver") == "84912345678"
    assert answer.findtext("Message") == (
        f"Đã nhận phản ánh, mã tra cứu PA-{report.pk}. Cảm ơn bạn đã gửi ý kiến."
    )
    message = ChannelMessage.objects.get()
    assert message.message_id == "esms:a1b2c3"
    assert message.state == MessageState.FILED
    # The same pseudonym as the number written 0912… through the Android gateway.
    assert message.sender_key == sender_key("sms", "0912345678")
    assert report.unit_id == esms.upper_b.pk
    assert report.channel == "sms" and report.is_anonymous
    assert "Cong ty may cham luong" in report.text

    again = get(mo())  # eSMS retries: nothing new, the same answer
    assert again.status_code == 200
    assert ElementTree.fromstring(again.content).findtext("Message") == answer.findtext("Message")
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_unit_keyword_after_the_service_keyword_routes_within_the_short_code(
    esms: OrgTree,
) -> None:
    assert get(mo(text="GOPY LELOI Trường chưa trả tiền dạy thêm")).status_code == 200
    report = Report.objects.get()
    assert report.unit_id == esms.cs_b1.pk
    assert "Trường chưa trả tiền dạy thêm" in report.text


@pytest.mark.django_db(transaction=True)
def test_a_hex_md5_sign_is_taken_too(esms: OrgTree) -> None:
    fields = mo()
    raw = "".join([CPID, fields["smsid"], fields["content"], fields["receiverTime"], KEY])
    fields["sign"] = hashlib.md5(raw.encode()).hexdigest()  # noqa: S324 (eSMS's scheme)
    assert get(fields).status_code == 200
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "forged",
    [
        {"sign": "AAAAAAAAAAAAAAAAAAAAAA=="},
        {"content": "GOPY noi dung da bi sua"},  # signed over the original text
        {"cpid": "CP0099"},  # another CP's message
        {"sign": ""},
    ],
)
def test_a_forged_or_foreign_mo_is_refused_and_stores_nothing(
    esms: OrgTree, forged: dict[str, str]
) -> None:
    assert get(mo(**forged)).status_code == 403
    assert not ChannelMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_without_the_private_key_every_mo_is_refused(esms: OrgTree, settings: Any) -> None:
    settings.ESMS_PRIVATE_KEY = ""
    assert get(mo()).status_code == 403
    assert not ChannelMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_signed_mo_without_its_sender_is_a_bad_request(esms: OrgTree) -> None:
    fields = mo()
    del fields["sender"]
    assert get(fields).status_code == 400
    assert not ChannelMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_no_reply_text_when_replies_are_off(esms: OrgTree, settings: Any) -> None:
    settings.CHANNELS_REPLIES = False
    response = get(mo())
    assert response.status_code == 200
    assert ElementTree.fromstring(response.content).findtext("Message") == ""
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_channels_that_take_no_get_still_answer_405(esms: OrgTree, settings: Any) -> None:
    settings.CHANNELS = ["sms", "zalo"]
    assert Client().get("/kenh/webhook/zalo/").status_code == 405


def test_deploy_check_refuses_sms_switched_on_without_any_provider_secret(
    tmp_path: Path,
) -> None:
    def check(**extra: str) -> str:
        done = deploy_check(tmp_path, DULUAN_CHANNELS="sms", **extra)
        return done.stdout + done.stderr

    assert "duluan.E017" in check()
    assert "duluan.E017" not in check(DULUAN_ESMS_PRIVATE_KEY=KEY)
    assert "duluan.E017" not in check(DULUAN_SMS_WEBHOOK_SECRET="khoa-ky")


def test_no_access_log_keeps_the_query_string_that_names_the_sender() -> None:
    """eSMS puts the sender's number and text in the URL: gunicorn logs the path only,
    and nginx does not log the SMS webhook at all."""
    import re

    namespace: dict[str, Any] = {}
    exec((ROOT / "deploy" / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102
    atoms = set(re.findall(r"%\((\w+)\)s", namespace["access_log_format"]))
    assert "U" in atoms  # the path, without its query
    assert not atoms & {"r", "q"}, atoms  # the request line and the query string
    nginx = (ROOT / "deploy" / "nginx" / "duluan.conf").read_text()
    block = nginx[nginx.index("location = /kenh/webhook/sms/") :]
    block = block[: block.index("}")]
    assert "access_log off;" in block and "proxy_pass http://duluan_web;" in block
