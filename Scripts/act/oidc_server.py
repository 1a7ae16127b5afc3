"""A stand-in for GitHub's OIDC token service, on 127.0.0.1, for workflows run in act.

    python3 oidc_server.py --port P --jobs jobs.json --repository OWNER/REPO --request-token T --log tokens.jsonl

act gives every step the same ACTIONS_ID_TOKEN_REQUEST_URL, so Scripts/act-e2e passes it as
`http://127.0.0.1:P/token?job=${{ github.job }}&ref=${{ github.ref }}&event=${{ github.event_name }}&sha=...`
(act interpolates --env values per step); @actions/core appends `&audience=...`. From the job's entry in
jobs.json (Scripts/act/workflow_jobs.py) the server decides, as GitHub does:

- no token unless the job's effective permissions grant `id-token: write` (GitHub gives such a job no
  request URL; act ignores `permissions:`: compensations.id_token_refusal() decides, and notes it);
- with --hold-dir, a job whose environment has required reviewers gets its token only once the harness
  approves (compensations.environment_hold(): act does not wait for reviewers);
- with --hold-jobs, the jobs named get their token only once the harness released them (HOLD_DIR/JOB.waiting,
  then HOLD_DIR/JOB.approved): not GitHub's behaviour but the harness's own, to act between a job's steps
  (the tampered-artifact flow changes the stored artifact while validate waits);
- the subject: `repo:OWNER/REPO:environment:NAME` for a job bound to an environment, else
  `repo:OWNER/REPO:pull_request` on pull_request events, else `repo:OWNER/REPO:ref:REF`.

Every answer is one JSON line in --log: job, subject, audience, jti, or the refusal. The token is not
signed with a key anyone could verify (moto does not verify signatures); its `jti` ties it to the
AssumeRoleWithWebIdentity call that used it. Standard library only.
"""
import argparse
import base64
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import compensations  # noqa: E402

ISSUER = "https://token.actions.githubusercontent.com"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def subject(repository, environment, event, ref):
    if environment:
        return f"repo:{repository}:environment:{environment}"
    if event in ("pull_request", "pull_request_target"):
        return f"repo:{repository}:pull_request"
    return f"repo:{repository}:ref:{ref}"


def harness_hold(job_id, hold_dir, timeout=600):
    """Holds the job's token request until the harness writes HOLD_DIR/JOB.approved. None, or why not."""
    waiting, approved = os.path.join(hold_dir, f"{job_id}.waiting"), os.path.join(hold_dir, f"{job_id}.approved")
    with open(waiting, "w") as handle:
        handle.write("held by the harness\n")
    deadline = time.time() + timeout
    while not os.path.exists(approved):
        if time.time() > deadline:
            return f"the harness did not release {job_id} within {timeout}s"
        time.sleep(0.2)
    return None


def make_handler(options, jobs, log_lock):
    def log(entry):
        with log_lock, open(options.log, "a") as handle:
            handle.write(json.dumps(entry, sort_keys=True) + "\n")

    class TokenHandler(http.server.BaseHTTPRequestHandler):
        def reply(self, status, body):
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/health":
                return self.reply(200, {"ok": True})
            if url.path != "/token":
                return self.reply(404, {"message": "not found"})
            query = {key: values[-1] for key, values in urllib.parse.parse_qs(url.query).items()}
            job_id, event, ref = query.get("job", ""), query.get("event", ""), query.get("ref", "")
            audience = query.get("audience", "")
            if self.headers.get("Authorization") != f"Bearer {options.request_token}":
                log({"job": job_id, "refused": "wrong or missing ACTIONS_ID_TOKEN_REQUEST_TOKEN"})
                return self.reply(401, {"message": "bad request token"})
            job = jobs.get(job_id)
            if job is None:
                log({"job": job_id, "refused": "no such job in the workflow"})
                return self.reply(404, {"message": f"no job {job_id!r} in the workflow"})
            refusal = compensations.id_token_refusal(job_id, job)
            if not refusal and query.get("by") != "act-e2e-checks":
                refusal = compensations.environment_hold(job_id, job, options.environments, options.hold_dir)
            if not refusal and query.get("by") != "act-e2e-checks" and job_id in options.hold_jobs:
                refusal = harness_hold(job_id, options.hold_dir)
            if refusal:
                log({"job": job_id, "refused": refusal})
                return self.reply(403, {"message": refusal})
            now = int(time.time())
            claims = {
                "iss": ISSUER,
                "aud": audience or f"https://github.com/{options.repository.split('/')[0]}",
                "sub": subject(options.repository, job["environment"], event, ref),
                "jti": str(uuid.uuid4()),
                "repository": options.repository,
                "repository_owner": options.repository.split("/")[0],
                "ref": ref,
                "sha": query.get("sha", ""),
                "event_name": event,
                "workflow": options.workflow_name,
                "run_id": query.get("run_id", ""),
                "run_attempt": query.get("run_attempt", ""),
                "iat": now,
                "nbf": now - 5,
                "exp": now + 300,
            }
            if job["environment"]:
                claims["environment"] = job["environment"]
            header = {"alg": "RS256", "typ": "JWT", "kid": "act-e2e-unsigned"}
            token = ".".join([
                b64url(json.dumps(header).encode()),
                b64url(json.dumps(claims).encode()),
                b64url(b"act-e2e: not a signature"),
            ])
            entry = {"job": job_id, "sub": claims["sub"], "aud": claims["aud"], "jti": claims["jti"],
                     "environment": job["environment"], "event": event, "ref": ref}
            if query.get("by"):
                entry["by"] = query["by"]  # a check of the harness, asking as this job would (not the job itself)
            log(entry)
            return self.reply(200, {"value": token})

        def log_message(self, *args):
            pass

    return TokenHandler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--jobs", required=True, help="JSON written by workflow_jobs.py")
    parser.add_argument("--repository", required=True)
    parser.add_argument("--request-token", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--environments", help="next_steps.py JSON: hold tokens of jobs needing reviewers")
    parser.add_argument("--hold-dir", help="where environment_hold() waits for the harness's approval")
    parser.add_argument("--hold-jobs", default="", help="jobs (space-separated) held until the harness releases them")
    options = parser.parse_args()
    options.hold_jobs = set(options.hold_jobs.split())
    if options.hold_jobs and not options.hold_dir:
        parser.error("--hold-jobs needs --hold-dir")
    if options.environments:
        with open(options.environments) as handle:
            options.environments = json.load(handle)["environments"]
    with open(options.jobs) as handle:
        workflow = json.load(handle)
    options.workflow_name = workflow.get("name") or ""
    handler = make_handler(options, workflow["jobs"], threading.Lock())
    http.server.ThreadingHTTPServer(("127.0.0.1", options.port), handler).serve_forever()


if __name__ == "__main__":
    main()
