"""duluan: capture, analyse and act on public opinion inside a member organisation."""

__version__ = "0.1.0"
