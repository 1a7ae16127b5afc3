"""What GitHub knows about each job of a workflow file before running it, as JSON for the other helpers.

    python workflow_jobs.py WORKFLOW.yml > jobs.json

For every job: its display name, the GitHub environment it is bound to (which decides the OIDC token's
subject), whether its effective permissions grant `id-token: write` (without it GitHub hands the job no
token URL at all), its `needs`, its steps' display names in order, the `role-to-assume` of its
configure-aws-credentials steps, and the steps marked continue-on-error (to name the step that failed it).
Runs with the e2e venv's Python, which has PyYAML; the token server itself needs only the standard library.
"""
import json
import sys

import yaml


def grants_id_token(permissions):
    # GitHub: `permissions: write-all` grants everything, a mapping grants what it names, `{}` or
    # `read-all` grants no id-token. Absent permissions fall back to the workflow level (handled by caller).
    if permissions == "write-all":
        return True
    if isinstance(permissions, dict):
        return permissions.get("id-token") == "write"
    return False


def environment_name(job):
    environment = job.get("environment")
    if isinstance(environment, dict):
        environment = environment.get("name")
    if environment is None:
        return None
    environment = str(environment)
    if "${{" in environment:
        sys.exit(f"workflow_jobs: environment '{environment}' is an expression; only literal names are supported")
    return environment


def step_name(index, step):
    if "name" in step:
        return str(step["name"])
    if "uses" in step:
        return f"Run {step['uses']}"
    return f"Run {str(step.get('run', '')).splitlines()[0] if step.get('run') else index}"


def main(path):
    with open(path) as handle:
        workflow = yaml.safe_load(handle)
    workflow_permissions = workflow.get("permissions")
    jobs = {}
    for job_id, job in (workflow.get("jobs") or {}).items():
        permissions = job["permissions"] if "permissions" in job else workflow_permissions
        needs = job.get("needs") or []
        jobs[job_id] = {
            "name": str(job.get("name", job_id)),
            "environment": environment_name(job),
            "id_token": grants_id_token(permissions),
            "needs": [needs] if isinstance(needs, str) else list(needs),
            "steps": [step_name(index, step) for index, step in enumerate(job.get("steps") or [])],
            "roles": [str(step["with"]["role-to-assume"]) for step in job.get("steps") or []
                      if "configure-aws-credentials" in str(step.get("uses", "")) and "role-to-assume" in (step.get("with") or {})],
            "continue_on_error": [step_name(index, step) for index, step in enumerate(job.get("steps") or [])
                                  if step.get("continue-on-error") is True],
        }
    json.dump({"name": workflow.get("name"), "jobs": jobs}, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: workflow_jobs.py WORKFLOW.yml")
    main(sys.argv[1])
