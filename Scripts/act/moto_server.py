"""moto_server for Scripts/act-e2e: moto with the compensations of compensations.py, and a record of every call.

    python moto_server.py --calls calls.jsonl -H 127.0.0.1 -p PORT      (the e2e venv's Python)

Every AWS API call moto answers is appended to --calls as one JSON line: the service, the action, the
caller's access key and account, the HTTP status and, for AssumeRoleWithWebIdentity, the role and the
access key it handed out. With the token server's log (the `jti` of each token) this says which job
assumed which role and what each role then did, which moto itself keeps nowhere.
"""
import json
import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import compensations  # noqa: E402


def record_calls(path):
    import xml.etree.ElementTree as ElementTree

    from moto.core.responses import BaseResponse

    lock = threading.Lock()
    original = BaseResponse.call_action

    def call_action(self):
        result = original(self)
        try:
            status = int(result[0]) if not isinstance(result[1], dict) else int(result[1].get("status", result[0]))
        except (TypeError, ValueError, IndexError):
            status = 0
        entry = {
            "service": self.service_name,
            "action": self._get_action(),
            "access_key": self.get_access_key(),
            "account": getattr(self, "current_account", None),
            "status": status,
        }
        if entry["action"] in ("CreateChangeSet", "ExecuteChangeSet", "DeleteChangeSet", "DescribeStacks"):
            entry["stack"] = self._get_param("StackName")
            entry["change_set"] = self._get_param("ChangeSetName")
        if entry["action"] in ("AssumeRoleWithWebIdentity", "AssumeRole"):
            entry["role"] = self._get_param("RoleArn")
            entry["session"] = self._get_param("RoleSessionName")
            token = self._get_param("WebIdentityToken")
            if token:
                entry["jti"] = (compensations.token_claims(token) or {}).get("jti")
            body = result[-1]
            if status == 200 and isinstance(body, (str, bytes)):
                for element in ElementTree.fromstring(body).iter():
                    if element.tag.endswith("AccessKeyId"):
                        entry["issued_access_key"] = element.text
        with lock, open(path, "a") as handle:
            handle.write(json.dumps(entry, sort_keys=True) + "\n")
        return result

    BaseResponse.call_action = call_action


def main():
    args = sys.argv[1:]
    if len(args) < 2 or args[0] != "--calls":
        sys.exit("usage: moto_server.py --calls FILE [moto_server options]")
    calls, args = args[1], args[2:]
    compensations.patch_moto()
    record_calls(calls)
    from moto.server import main as moto_main

    moto_main(args)


if __name__ == "__main__":
    main()
