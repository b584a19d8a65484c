#!/usr/bin/env python
"""Django's command-line utility; ``duluan`` does the same once installed."""

from duluan.cli import main

if __name__ == "__main__":
    main()
