"""The one interface every inbound channel implements (issue #20).

A channel (Zalo OA, e-mail, SMS, the tip page …) is an **adapter**: an object
with a ``kind`` and three methods, registered once in its app's ``ready()``
with :func:`adapter_register`. Everything else (storing, deduplicating,
pseudonymising, rate limiting, routing to a unit, filing the report through
intake, answering the sender) is the channels core and the same for all::

    class MyAdapter:
        kind = "sms"                      # ChannelKind code, in the webhook URL
        channel = Channel.SMS             # intake's Channel code on the report

        def verify(self, request) -> bool # the signed-request check (False → 403)
        def parse(self, raw) -> list[InboundMessage]   # raw body → messages
        def sign(self, raw) -> dict[str, str]          # headers a valid sender adds
                                                       # (``duluan channel simulate``)

The path of a message (``services.channel_receive`` then the job
``channels.message_file``):

1. the webhook view (``/kenh/webhook/<kind>/``) checks the kind is switched on
   (``DULUAN_CHANNELS``), calls ``verify`` (403 if false), then
   ``channel_receive(kind=..., raw=request.body)`` and answers 200 at once;
   e-mail enters the same function from IMAP polling or ``duluan mail-ingest``;
2. ``channel_receive`` calls ``parse``; for each message it keeps only an HMAC
   pseudonym of ``sender`` (:func:`duluan.channels.keys.sender_key`), writes a
   :class:`~duluan.channels.models.ChannelMessage` (unique on ``kind`` +
   ``message_id``: a replay writes nothing) and the raw body sealed apart in
   :class:`~duluan.channels.models.ChannelPayload`, applies the per-sender
   rate limit, and queues the filing job in the same transaction;
3. the job unseals the raw body, parses it again, picks the unit
   (:func:`duluan.channels.routing.unit_resolve`: ``unit_code`` such as a
   plus-address or SMS keyword, then the sender's registered unit, then the
   endpoint the message was sent to, ``address``), and files the report with
   :func:`duluan.intake.services.report_create` as the system actor: channel
   shown, text masked of personal data, state "chờ phân loại";
4. if the endpoint answers senders and the message is not automatic, a reply
   job tells the sender the report's lookup code (``reply`` below, optional).

An adapter that can answer implements ``reply(message, inbound, text) -> bool``
too (see :class:`Replier`); one whose attachments come as links implements
``fetch(attachment) -> bytes | None`` (see :class:`Fetcher`); one whose sender
calls with HTTP GET, the message in the query string, and wants its own answer
(eSMS's short code) implements :class:`QueryReceiver`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from .models import ChannelMessage
    from .services import ReceiveResult


@dataclass(frozen=True)
class InboundAttachment:
    """A file that came with a message: its bytes (e-mail) or only a link (Zalo)."""

    name: str
    content: bytes = b""
    url: str = ""
    content_type: str = ""


@dataclass(frozen=True)
class InboundMessage:
    """One message as the channel gave it, before anything is stored.

    ``sender`` is the channel's handle (Zalo user id, e-mail address, phone
    number): it is never stored, only its keyed hash. ``address`` is where it
    was sent (OA id, mailbox, SMS number); ``unit_code`` an explicit hint
    (``gopy+<code>@``, an SMS keyword, the tip page's unit code).
    """

    message_id: str
    sender: str
    text: str
    sent_at: datetime
    address: str = ""
    unit_code: str = ""
    subject: str = ""
    attachments: tuple[InboundAttachment, ...] = field(default=())
    # Mail marked automatic (Auto-Submitted, bulk, a bounce, our own loop): never answered.
    automatic: bool = False
    # The sender chose not to be known to the account (Zalo anonymous_send_*).
    anonymous: bool = False


@runtime_checkable
class ChannelAdapter(Protocol):
    kind: str
    channel: str

    def verify(self, request: HttpRequest) -> bool: ...

    def parse(self, raw: bytes) -> list[InboundMessage]: ...

    def sign(self, raw: bytes) -> dict[str, str]: ...


@runtime_checkable
class Replier(Protocol):
    def reply(self, message: ChannelMessage, inbound: InboundMessage, text: str) -> bool: ...


@runtime_checkable
class Fetcher(Protocol):
    """An adapter whose attachments come as links: fetch one (``None``: could not)."""

    def fetch(self, attachment: InboundAttachment) -> bytes | None: ...


@runtime_checkable
class QueryReceiver(Protocol):
    """An adapter that also takes HTTP GET: the raw payload is then the query string
    (:func:`request_raw`), ``verify`` sees the GET request, ``answer`` gives the body
    the sender expects back, and ``signed_query(raw)`` is the query a valid sender
    sends (``duluan channel simulate``). ``is_query(raw)``: a stored payload came so."""

    def is_query(self, raw: bytes) -> bool: ...

    def signed_query(self, raw: bytes) -> str: ...

    def answer(self, raw: bytes, result: ReceiveResult) -> HttpResponse: ...


def request_raw(request: HttpRequest) -> bytes:
    """What is stored of a delivery: the body of a POST, the query string of a GET
    (WSGI hands it over as Latin-1 text of the bytes sent)."""
    if request.method == "GET":
        return str(request.META.get("QUERY_STRING", "")).encode("iso-8859-1")
    return request.body


ADAPTERS: dict[str, ChannelAdapter] = {}


def adapter_register(adapter: ChannelAdapter) -> ChannelAdapter:
    """Make ``adapter`` the one for its ``kind`` (called from ``AppConfig.ready``)."""
    ADAPTERS[adapter.kind] = adapter
    return adapter


def adapter_get(kind: str) -> ChannelAdapter | None:
    return ADAPTERS.get(kind)


class BadPayload(ValueError):
    """The body is not what the channel sends (after a valid signature): 400."""
