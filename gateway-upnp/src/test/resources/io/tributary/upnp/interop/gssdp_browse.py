"""GSSDP resource browser, a test fixture: prints `available <usn> <location>` for each resource that answers or
advertises on the interface within the given seconds, and `unavailable <usn>` for each that leaves.

usage: gssdp_browse.py INTERFACE TARGET SECONDS
"""
import sys

import gi

gi.require_version("GSSDP", "1.6")
from gi.repository import GLib, GSSDP  # noqa: E402

interface, target, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3])
client = GSSDP.Client.new(interface)
browser = GSSDP.ResourceBrowser.new(client, target)


def available(_browser, usn, locations):
    print("available", usn, " ".join(locations), flush=True)


def unavailable(_browser, usn):
    print("unavailable", usn, flush=True)


browser.connect("resource-available", available)
browser.connect("resource-unavailable", unavailable)
browser.set_active(True)
loop = GLib.MainLoop()
GLib.timeout_add_seconds(seconds, loop.quit)
loop.run()
print("done", flush=True)
