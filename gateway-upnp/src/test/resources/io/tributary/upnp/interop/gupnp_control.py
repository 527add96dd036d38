"""GUPnP control point, a test fixture: finds the Tributary topics service on the interface, subscribes to its
events, calls SetValue(TOPIC, VALUE) and GetValue(TOPIC), and prints what happens:
`proxy <udn> <control URL>`, `subscribed`, `setvalue ok`, `getvalue <value>`, `notify <variable>=<value>`,
`error <message>`; it stops after SECONDS or once it saw the notification of VARIABLE = VALUE.

usage: gupnp_control.py INTERFACE TOPIC VARIABLE VALUE SECONDS
"""
import sys
import warnings

import gi

gi.require_version("GUPnP", "1.6")
from gi.repository import GLib, GObject, GUPnP  # noqa: E402

warnings.filterwarnings("ignore", category=DeprecationWarning)
interface, topic, variable, value, seconds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
loop = GLib.MainLoop()
context = GUPnP.Context.new(interface, 0)
control_point = GUPnP.ControlPoint.new(context, "urn:tributary-io:service:Topics:1")
proxies = []


def string(text):
    return GObject.Value(GObject.TYPE_STRING, text)


def notified(_proxy, name, notified_value, _data):
    print("notify %s=%s" % (name, notified_value), flush=True)
    if name == variable and notified_value == value:
        loop.quit()


def available(_control_point, proxy):
    proxies.append(proxy)
    print("proxy", proxy.get_udn(), proxy.get_control_url(), flush=True)
    proxy.add_notify(variable, GObject.TYPE_STRING, notified, None)
    proxy.set_subscribed(True)
    print("subscribed", flush=True)
    try:
        action = GUPnP.ServiceProxyAction.new_from_list("SetValue", ["Topic", "Value"],
                                                         [string(topic), string(value)])
        proxy.call_action(action, None)
        action.get_result_list([], [])
        print("setvalue ok", flush=True)
        action = GUPnP.ServiceProxyAction.new_from_list("GetValue", ["Topic"], [string(topic)])
        proxy.call_action(action, None)
        ok, results = action.get_result_list(["Value"], [GObject.TYPE_STRING])
        print("getvalue", results[0], flush=True)
    except GLib.Error as error:
        print("error", error.message, flush=True)


control_point.connect("service-proxy-available", available)
control_point.set_active(True)
GLib.timeout_add_seconds(seconds, loop.quit)
loop.run()
print("done", flush=True)
