import ldap
from ldap.filter import escape_filter_chars
from flask import Flask, jsonify, request

app = Flask(__name__)
BASE_DN = "ou=people,dc=example,dc=com"


def connect():
    conn = ldap.initialize("ldaps://ldap.example.com")
    conn.simple_bind_s("cn=reader,dc=example,dc=com", open("/run/secrets/ldap").read().strip())
    return conn


@app.route("/directory")
def directory():
    uid = request.args["uid"]
    conn = connect()
    result = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=" + uid + ")")  # wfc-expect: security high
    return jsonify([dn for dn, _ in result])


@app.route("/directory/safe")
def directory_safe():
    uid = escape_filter_chars(request.args["uid"])
    conn = connect()
    result = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=" + uid + ")")
    return jsonify([dn for dn, _ in result])
