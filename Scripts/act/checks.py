"""Checks a flow run by act by its outcome: what moto holds, what the artifact store holds, who assumed what.

    python checks.py CONTEXT.json                      the checks of a finished flow run
    python checks.py --before-approval CONTEXT.json    the checks while a flow waits for an approval
    python checks.py flows                             FLOWS as JSON, for Scripts/act-e2e
    python checks.py snapshot CONTEXT.json             every account's stacks and their state, before a flow runs
    python checks.py prepare CONTEXT.json              what the flow changes in moto before its run (drift)
    python checks.py tamper CONTEXT.json               changes the stored build artifact (tampered-artifact)
                                                       (the e2e venv's Python: boto3 and PyYAML)

CONTEXT.json is written by Scripts/act-e2e (paths of the records, the run's facts, the stored variables).
Prints one `PASS name: detail` or `FAIL name: detail` line per check, then `checks: N passed, N failed`.
The act log is read only to know which jobs ran and, for a failed job, which step failed and what it printed;
every other check asks moto, the artifact store, or the records of the token server and of moto_server.py.
"""
import collections
import gzip
import hashlib
import json
import os
import re
import sys

import boto3
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import compensations  # noqa: E402


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, name, detail, evidence=()):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}", flush=True)
        for line in evidence:
            print(f"     | {line}", flush=True)
        return ok


def read_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        return [json.loads(line) for line in handle if line.strip()]


class Run:
    """Everything one act run left behind, indexed for the checks."""

    def __init__(self, context):
        self.context = context
        with open(context["jobs"]) as handle:
            self.jobs = json.load(handle)["jobs"]
        with open(context["config"]) as handle:
            self.config = json.load(handle)
        self.tokens = read_jsonl(context["tokens_log"])
        self.compensations = read_jsonl(context["compensation_log"])
        self.calls = read_jsonl(context["calls_log"])
        self.webhooks = read_jsonl(context["webhook_log"])
        self.results, self.failed_steps, self.output = {}, collections.defaultdict(list), collections.defaultdict(list)
        self.errors = collections.defaultdict(list)  # (job, step): the `::error::` messages the step printed
        for entry in read_jsonl(context["act_log"]):
            job = entry.get("jobID")
            if not job:
                continue
            if "jobResult" in entry:
                self.results[job] = entry["jobResult"]
            if entry.get("stepResult") == "failure" and entry.get("stage") == "Main":
                self.failed_steps[job].append(entry.get("step"))
            if entry.get("raw_output"):
                self.output[(job, entry.get("step"))].append(entry.get("msg", "").rstrip("\n"))
            if entry.get("command") == "error":
                self.errors[(job, entry.get("step"))].append(entry.get("arg", ""))
        self._sessions = {}

    def failing_step(self, job):
        """The step that failed the job: its first failed step not marked continue-on-error."""
        tolerated = set(self.jobs.get(job, {}).get("continue_on_error", []))
        for step in self.failed_steps.get(job, []):
            if step not in tolerated:
                return step
        return None

    def aws(self, service, account):
        """A client acting as the account's administrator (moto: assume any role in the account)."""
        if account not in self._sessions:
            endpoint = self.context["endpoint"]
            sts = boto3.client("sts", endpoint_url=endpoint, region_name=self.config["region"],
                               aws_access_key_id="test", aws_secret_access_key="test")
            credentials = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/x",
                                          RoleSessionName="act-e2e-checks")["Credentials"]
            self._sessions[account] = boto3.session.Session(
                aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
                aws_session_token=credentials["SessionToken"], region_name=self.config["region"])
        return self._sessions[account].client(service, endpoint_url=self.context["endpoint"])

    def assumptions(self, job):
        """The roles a job assumed with its OIDC tokens: [(token log entry, trust decision, call record)]."""
        decisions = {entry.get("jti"): entry for entry in self.compensations if entry["kind"] == "trust-policy"}
        calls = {entry.get("jti"): entry for entry in self.calls if entry["action"] == "AssumeRoleWithWebIdentity"}
        return [(token, decisions.get(token["jti"]), calls.get(token["jti"]))
                for token in self.tokens if token.get("job") == job and "jti" in token and not token.get("by")]

    def calls_by(self, job):
        keys = {call.get("issued_access_key") for _, _, call in self.assumptions(job) if call}
        return [call for call in self.calls if call.get("access_key") in keys]


def stored_artifacts(run_dir):
    """The artifact server's store for one run: {artifact name: {file path: bytes}} (act gzips some as NAME.gz__)."""
    artifacts = {}
    if not os.path.isdir(run_dir):
        return artifacts
    for name in sorted(os.listdir(run_dir)):
        files = {}
        root = os.path.join(run_dir, name)
        for folder, _, names in os.walk(root):
            for file_name in names:
                path = os.path.join(folder, file_name)
                with open(path, "rb") as handle:
                    data = handle.read()
                relative = os.path.relpath(path, root)
                if relative.endswith(".gz__"):
                    data, relative = gzip.decompress(data), relative[: -len(".gz__")]
                files[relative] = data
        artifacts[name] = files
    return artifacts


# --- checks shared by the flows --------------------------------------------------------------------


def check_jobs(report, run, expected):
    ran = set(run.results)
    for job in expected:
        if job not in run.results:
            blocked = [need for need in run.jobs[job]["needs"] if run.results.get(need) != "success"]
            why = f"needs {', '.join(blocked)}, which did not succeed" if blocked else "act skipped it"
            report.check(False, f"job {job}", f"did not run ({why})")
        elif run.results[job] == "success":
            report.check(True, f"job {job}", "succeeded")
        else:
            step = run.failing_step(job) or "(no step failed: act failed the job itself)"
            output = run.output.get((job, step), [])[-15:]
            report.check(False, f"job {job}", f"failed at step '{step}'", output)
    unexpected = sorted(ran - set(expected))
    report.check(not unexpected, "no other job ran", "none did" if not unexpected else f"also ran: {', '.join(unexpected)}")


def expected_role(run, job):
    roles = run.jobs[job]["roles"]
    names = [re.fullmatch(r"\$\{\{\s*vars\.(\w+)\s*\}\}", role) for role in roles]
    return [(match.group(1), run.context["variables"].get(match.group(1))) if match else (role, role)
            for match, role in zip(names, roles)]


def check_roles(report, run, jobs, accounts):
    """Each job assumed exactly the role its `role-to-assume` names, in the account it belongs to, and the
    role's trust policy admitted the job's token (compensations.py evaluates what moto does not)."""
    for job in jobs:
        if job not in run.results:
            continue
        wanted = expected_role(run, job)
        got = run.assumptions(job)
        if not wanted:
            report.check(not got, f"role of {job}", "assumes no role" if not got else f"assumed {len(got)} roles")
            continue
        assumed = [(token, decision, call) for token, decision, call in got if call and call["status"] == 200]
        for (variable, arn), (token, decision, call) in zip(wanted, assumed + [(None, None, None)] * len(wanted)):
            name = f"role of {job}"
            if call is None:
                refused = [d for _, d, _ in got if d and not d["allowed"]]
                reason = refused[0]["message"] if refused else "no AssumeRoleWithWebIdentity reached moto"
                report.check(False, name, f"assumed no role ({reason})")
                continue
            account = call["role"].split(":")[4]
            ok = call["role"] == arn and account == accounts[job]
            report.check(ok, name,
                         f"assumed {call['role']} (vars.{variable} = {arn}; account {account}, expected {accounts[job]}) "
                         f"with sub={token['sub']}, which its trust policy admits")


def check_environment_gate(report, run, jobs):
    for job, ok, message in compensations.environment_gate(
            run.jobs, [job for job in jobs if job in run.results], run.context["environments"],
            run.context["ref"], run.context["default_branch"]):
        report.check(ok, f"environment of {job}", message.removeprefix("act ignores environment protection: "))


def check_no_token_refusals(report, run):
    refusals = [entry for entry in run.tokens if "refused" in entry and not entry.get("by")]
    report.check(not refusals, "OIDC tokens",
                 f"{len([t for t in run.tokens if 'jti' in t])} issued, none refused" if not refusals else
                 "; ".join(f"{entry['job']}: {entry['refused']}" for entry in refusals))


def check_build_artifact(report, run, artifacts, template_texts):
    built = {name: files for name, files in artifacts.items() if "SHA256SUMS" in files}
    if not report.check(len(built) == 1, "artifact uploaded",
                        f"{', '.join(built) or 'none'} in the artifact store (one expected, with a SHA256SUMS manifest)"):
        return
    name, files = next(iter(built.items()))
    listed = {}
    for line in files["SHA256SUMS"].decode().splitlines():
        digest, _, path = line.partition("  ")
        listed[path.removeprefix("./")] = digest
    actual = {path: hashlib.sha256(data).hexdigest() for path, data in files.items() if path != "SHA256SUMS"}
    report.check(listed == actual, "artifact manifest",
                 f"SHA256SUMS lists exactly the {len(actual)} stored files with their hashes" if listed == actual
                 else f"manifest {listed} != stored {actual}")
    leaked = [path for path, data in files.items()
              if any(text.encode() in data for text in template_texts) or path.endswith("template.yaml")]
    report.check(not leaked, "artifact encrypted",
                 f"no stored file holds any of the {len(template_texts)} template(s) in plaintext" if not leaked
                 else f"plaintext in {', '.join(leaked)}")


def check_steps_succeeded(report, run, job, step_names, name, detail):
    if job not in run.results:
        return
    steps = [step for step in run.jobs[job]["steps"] if step in step_names]
    failed = [step for step in steps if step in run.failed_steps.get(job, [])]
    ran = {step for (j, step) in run.output if j == job} | set(run.failed_steps.get(job, []))
    ok = bool(steps) and not failed and run.results.get(job) == "success"
    report.check(ok, name, detail if ok else f"{job}: steps {steps} failed={failed} ran={sorted(ran & set(steps))}")


def check_kms(report, run, job, action):
    calls = [call for call in run.calls_by(job) if call["service"] == "kms" and call["action"] == action]
    ok = bool(calls) and all(call["status"] == 200 for call in calls)
    report.check(ok, f"KMS {action} by {job}",
                 f"{len(calls)} call(s), status {sorted({call['status'] for call in calls})}" if calls else "never called")


def bootstrap_resources(run, account):
    cloudformation = run.aws("cloudformation", account)
    stack = run.context["bootstrap_stack"]
    return cloudformation.list_stack_resources(StackName=stack)["StackResourceSummaries"]


def resolve(value, parameters, stack_name):
    """A template value with Ref / Fn::Sub of parameters and AWS::StackName resolved (the fixture's intrinsics)."""
    names = {**parameters, "AWS::StackName": stack_name}
    if isinstance(value, dict) and "Ref" in value:
        return names[value["Ref"]]
    if isinstance(value, dict) and "Fn::Sub" in value:
        return re.sub(r"\$\{([\w:]+)\}", lambda match: names[match.group(1)], value["Fn::Sub"])
    return value


def described_stack(report, run, account, stack_name, status):
    """The stack as CloudFormation describes it, its status checked; None (a failed check) when it does not exist."""
    cloudformation = run.aws("cloudformation", account)
    try:
        stack = cloudformation.describe_stacks(StackName=stack_name)["Stacks"][0]
    except cloudformation.exceptions.ClientError as error:
        report.check(False, f"stack {stack_name}", f"not in account {account}: {error}")
        return None
    report.check(stack["StackStatus"] == status, f"stack {stack_name}",
                 f"{stack['StackStatus']} in account {account} (expected {status})")
    return stack


def check_deployed_stack(report, run, environment, job, template_text, planned_by=None, stack_name=None,
                         status="CREATE_COMPLETE", parameters=None, stack_tags=None):
    """The stack `job` deployed: its status, tags, parameters, template, execution role, resources, and the change
    set of this run (pw-RUN_ID-1), created by `planned_by` (else `job`) and executed by `job`. `parameters`: the
    values the stack must have been given (default: the environment's); `stack_tags`: the stack's own, besides the
    environment's and the pipeline's. Every AWS::SSM::Parameter of the template must hold its resolved value."""
    account = environment["account"]
    parameters = environment.get("parameters", {}) if parameters is None else parameters
    stack_name = stack_name or stack_name_of(run, environment)
    stack = described_stack(report, run, account, stack_name, status)
    if stack is None:
        return None
    cloudformation = run.aws("cloudformation", account)
    expected = {"Environment": environment["name"], "Project": run.config["project"], "ManagedBy": "Pipewright",
                "Repository": run.context["repository"], "CommitSHA": run.context["sha"], **run.config.get("tags", {}),
                **(stack_tags or {})}
    tags = {tag["Key"]: tag["Value"] for tag in stack.get("Tags", [])}
    wrong = {key: (tags.get(key), expected.get(key)) for key in sorted(set(expected) | set(tags))
             if tags.get(key) != expected.get(key)}
    report.check(not wrong, f"tags of {stack_name}",
                 ", ".join(f"{key}={value}" for key, value in expected.items()) if not wrong
                 else "; ".join(f"{key}: got {got!r}, expected {want!r}" for key, (got, want) in wrong.items()))
    given = {p["ParameterKey"]: p["ParameterValue"] for p in stack.get("Parameters", [])}
    report.check(given == parameters, f"parameters of {stack_name}", f"{given} (expected {parameters})")
    body = cloudformation.get_template(StackName=stack_name)["TemplateBody"]
    body = body if isinstance(body, dict) else yaml.safe_load(body)
    report.check(body == yaml.safe_load(template_text), f"template of {stack_name}",
                 "the committed infrastructure template, carried through the encrypted artifact" if body == yaml.safe_load(template_text)
                 else "differs from the committed template")
    role_arn = stack.get("RoleARN")
    execution_roles = {resource["PhysicalResourceId"] for resource in bootstrap_resources(run, account)
                       if resource["ResourceType"] == "AWS::IAM::Role"}
    role_ok = bool(role_arn) and role_arn.rsplit("/", 1)[-1] in execution_roles
    if role_ok:
        trust = run.aws("iam", account).get_role(RoleName=role_arn.rsplit("/", 1)[-1])["Role"]["AssumeRolePolicyDocument"]
        trust = json.loads(trust) if isinstance(trust, str) else trust
        role_ok = any((statement.get("Principal") or {}).get("Service") == "cloudformation.amazonaws.com"
                      for statement in trust.get("Statement", []))
    report.check(role_ok, f"execution role of {stack_name}",
                 f"{role_arn}: a bootstrap role CloudFormation may assume" if role_ok
                 else f"{role_arn!r} is not a CloudFormation execution role of the bootstrap stack in {account}")
    resources = cloudformation.list_stack_resources(StackName=stack_name)["StackResourceSummaries"]
    physical = {resource["LogicalResourceId"]: resource["PhysicalResourceId"] for resource in resources
                if resource["ResourceType"] == "AWS::SSM::Parameter"}
    declared = {name: resource["Properties"] for name, resource in yaml.safe_load(template_text)["Resources"].items()
                if resource["Type"] == "AWS::SSM::Parameter"}
    found, wrong = [], []
    for logical, properties in sorted(declared.items()):
        wanted = {key: resolve(properties[key], parameters, stack_name) for key in ("Name", "Value")}
        name = physical.get(logical)
        try:
            value = run.aws("ssm", account).get_parameter(Name=name)["Parameter"]["Value"] if name else None
        except Exception as error:  # the stack lists a parameter SSM no longer has
            value = f"(unreadable: {error})"
        found.append(f"{name} = {value!r}")
        if name != wanted["Name"] or value != wanted["Value"]:
            wrong.append(f"{logical}: {name} = {value!r}, the template says {wanted}")
    report.check(bool(declared) and not wrong and len(physical) == len(declared), f"resources of {stack_name}",
                 f"SSM parameter {', '.join(found)}, as the template says" if declared and not wrong
                 else "; ".join(wrong) or f"SSM parameters {sorted(physical)} (the template declares {sorted(declared)})")
    change_sets = cloudformation.list_change_sets(StackName=stack_name)["Summaries"]
    name = f"pw-{run.context['run_id']}-1"
    executed = [cs for cs in change_sets if cs.get("ExecutionStatus") == "EXECUTE_COMPLETE" and cs["ChangeSetName"] == name]
    planner = planned_by or job
    created = {(c["action"], c["status"]) for c in run.calls_by(planner)
               if c["action"] == "CreateChangeSet" and c.get("stack") == stack_name}
    ran = {(c["action"], c["status"]) for c in run.calls_by(job) if c["action"] == "ExecuteChangeSet"}
    ok = len(executed) == 1 and ("CreateChangeSet", 200) in created and ("ExecuteChangeSet", 200) in ran
    report.check(ok, f"change set of {stack_name}",
                 f"{name} {'executed' if executed else 'NOT executed'} (created by {planner}'s role: "
                 f"{bool(created)}, executed by {job}'s role: {bool(ran)})")
    return stack


def check_stack_outputs_artifact(report, run, artifacts, environment, stack, label=None):
    """The outputs artifact holds the stack's real outputs: `<environment>.json`, or `<environment>-<label>.json`
    for one of several stacks."""
    file_name = f"{environment['name']}{'-' + label if label else ''}.json"
    holders = [name for name, files in artifacts.items() if file_name in files]
    if not report.check(len(holders) == 1, f"stack outputs {file_name}",
                        f"{', '.join(holders) or 'no artifact'} holds {file_name}"):
        return
    stored = json.loads(artifacts[holders[0]][file_name])
    actual = [{"OutputKey": o["OutputKey"], "OutputValue": o["OutputValue"]} for o in (stack or {}).get("Outputs", [])]
    stored = [{"OutputKey": o["OutputKey"], "OutputValue": o["OutputValue"]} for o in stored]
    report.check(stored == actual and bool(actual), f"stack outputs content of {file_name}",
                 f"{stored} (the stack's: {actual})")


def stack_names(run, account):
    return sorted(stack["StackName"] for stack in run.aws("cloudformation", account).describe_stacks()["Stacks"])


def stack_states(run, account):
    """What a flow must leave alone in a stack: {stack name: {status, last update, tags, outputs, parameters}}."""
    states = {}
    for stack in run.aws("cloudformation", account).describe_stacks()["Stacks"]:
        states[stack["StackName"]] = {
            "status": stack["StackStatus"], "updated": str(stack.get("LastUpdatedTime", stack.get("CreationTime"))),
            "tags": sorted([tag["Key"], tag["Value"]] for tag in stack.get("Tags", [])),
            "outputs": sorted([o["OutputKey"], o["OutputValue"]] for o in stack.get("Outputs", [])),
            "parameters": sorted([p["ParameterKey"], p["ParameterValue"]] for p in stack.get("Parameters", [])),
        }
    return states


def check_stacks_unchanged(report, run, why):
    """Every stack the flow started with is still there, in the same state (status, last update, tags, outputs,
    parameters) — except those the flow is expected to remove."""
    for account in accounts(run):
        before = run.context["stacks_before"].get(account, {})
        after = stack_states(run, account)
        changed = sorted(name for name in before if after.get(name) != before[name])
        report.check(not changed, f"stacks of {account} unchanged",
                     f"{len(before)} stack(s) as before {why}" if not changed else
                     "; ".join(f"{name}: {before[name]} -> {after.get(name, 'GONE')}" for name in changed))


def accounts(run):
    """Every account the pipeline uses: the pipeline account and each environment's."""
    found = [variable["account"] for variable in run.context["variable_sources"]]
    found += [environment["account"] for environment in run.config["environments"]]
    return sorted(set(found))


def check_only_stacks(report, run, deployed, removed=None):
    """Each account holds the stacks it held before this flow's run (the harness's snapshot: flows share moto)
    plus exactly the stacks this flow deployed there ({account: [stack]}), minus those it removed."""
    before = run.context["stacks_before"]
    for account in accounts(run):
        expected = sorted((set(before.get(account, [])) | set(deployed.get(account, []))) - set((removed or {}).get(account, [])))
        names = stack_names(run, account)
        added = sorted(set(expected) - set(before.get(account, [])))
        report.check(names == expected, f"stacks in {account}",
                     f"{names} (expected {expected}; this flow added {added or 'none'})")


def run_webhooks(run):
    """The texts the webhook sink received from this flow's run (each names the run's URL)."""
    suffix = f"/actions/runs/{run.context['run_id']})"
    return [entry["body"].get("text", "") for entry in run.webhooks if entry["body"].get("text", "").endswith(suffix)]


def check_notification(report, run, job, stack_name, status="success", prefix="Deploy of"):
    texts = run_webhooks(run)
    # Every job that notifies names its work first ("Deploy of", "Verification of", ...), then the stack.
    mine = [text for text in texts if text.startswith(f"{prefix} {stack_name}: ")]
    ok = len(mine) == 1 and mine[0].startswith(f"{prefix} {stack_name}: {status} (")
    report.check(ok, f"notification of {job}", mine[0] if len(mine) == 1 else
                 f"{len(mine)} of this run's {len(texts)} say '{prefix} {stack_name}: ...'" + (f": {mine}" if mine else ""))


# --- flows -----------------------------------------------------------------------------------------


def environment(run, name):
    return next(env for env in run.config["environments"] if env["name"] == name)


def stack_name_of(run, env):
    naming = run.config["stackNaming"]
    return "-".join(part for part in (naming["prefix"], env["name"], naming.get("suffix")) if part)


def pipeline_account(run):
    return next(v["account"] for v in run.context["variable_sources"] if v["name"] == run.config["ciRole"]["variable"])


def read_template(run):
    with open(run.context["template"]) as handle:
        return handle.read()


def check_build_and_validate(report, run, artifacts, template_text):
    check_build_artifact(report, run, artifacts, [template_text])
    check_kms(report, run, "build", "GenerateDataKey")


def check_decrypting_job(report, run, job):
    check_steps_succeeded(report, run, job, {"Verify the artifact checksums", "Decrypt the artifact (KMS)"},
                          f"artifact verified by {job}", "checksums and KMS decryption steps succeeded")
    check_kms(report, run, job, "Decrypt")


def check_cross_account_decrypt(report, run, job, account):
    """The job decrypted in its own account with the pipeline account's key: kms-cross-account was needed (moto),
    and both the key policy and the role's IAM policies allowed it (kms-key-policy)."""
    keys = {call.get("issued_access_key") for _, _, call in run.assumptions(job) if call}
    decisions = [entry for entry in run.compensations if entry["kind"] == "kms-key-policy"
                 and entry.get("action") == "kms:Decrypt" and entry.get("role", "").split(":")[4:5] == [account]
                 and entry.get("allowed")]
    used = [entry for entry in run.compensations if entry["kind"] == "kms-cross-account"
            and entry.get("role", "").split(":")[4:5] == [account]]
    key_accounts = sorted({entry["key"].split(":")[4] for entry in used})
    ok = bool(keys) and bool(decisions) and bool(used) and key_accounts == [pipeline_account(run)]
    report.check(ok, f"cross-account decrypt by {job}",
                 f"role in {account} decrypted with the key of {', '.join(key_accounts) or 'no other account'} "
                 f"(key policy and IAM both allow it: {bool(decisions)})")


def push_develop(report, run, status="CREATE_COMPLETE", stack_name=None):
    """A push to the first environment's branch: build -> validate -> deploy-FIRST, nothing else."""
    first = run.config["environments"][0]
    deploy = f"deploy-{first['name']}"
    jobs = ["build", "validate", deploy]
    shared_account = pipeline_account(run)
    check_jobs(report, run, jobs)
    check_no_token_refusals(report, run)
    check_roles(report, run, jobs, {"build": shared_account, "validate": shared_account, deploy: first["account"]})
    check_environment_gate(report, run, jobs)
    artifacts = stored_artifacts(os.path.join(run.context["artifacts"], run.context["run_id"]))
    template_text = read_template(run)
    check_build_and_validate(report, run, artifacts, template_text)
    for job in ("validate", deploy):
        check_decrypting_job(report, run, job)
    check_cross_account_decrypt(report, run, deploy, first["account"])
    stack = check_deployed_stack(report, run, first, deploy, template_text, stack_name=stack_name, status=status)
    check_stack_outputs_artifact(report, run, artifacts, first, stack)
    if stack:
        check_notification(report, run, deploy, stack["StackName"])
    check_only_stacks(report, run, {first["account"]: [stack["StackName"]]} if stack else {})
    return stack


def push_main_before_approval(report, run):
    """Stopped at deploy-prod's approval: the plan job created prod's change set and changed nothing, and its role
    could not have executed the change set."""
    prod = environment(run, "prod")
    stack_name = stack_name_of(run, prod)
    plan = "plan-prod"
    report.check(run.results.get(plan) == "success", f"job {plan} before approval",
                 f"{run.results.get(plan, 'did not finish')} (deploy-prod waits for approval)")
    report.check("deploy-prod" not in run.results and not any(t.get("job") == "deploy-prod" and "jti" in t for t in run.tokens),
                 "deploy-prod before approval", "has no token and no result yet (its token request is held)")
    cloudformation = run.aws("cloudformation", prod["account"])
    try:
        stack = cloudformation.describe_stacks(StackName=stack_name)["Stacks"][0]
        status = stack["StackStatus"]
    except cloudformation.exceptions.ClientError:
        stack, status = None, "NONE"
    report.check(status in ("REVIEW_IN_PROGRESS", "NONE") and stack_name not in run.context["stacks_before"].get(prod["account"], []),
                 f"prod unchanged by {plan}", f"{stack_name} is {status} (a change set of type CREATE holds it in review)")
    marker = f"/act-e2e/{stack_name}/marker"
    try:
        run.aws("ssm", prod["account"]).get_parameter(Name=marker)
        exists = True
    except Exception:
        exists = False
    report.check(not exists, f"no prod resources before approval", f"SSM parameter {marker} {'EXISTS' if exists else 'does not exist'}")
    change_set = f"pw-{run.context['run_id']}-1"
    summaries = cloudformation.list_change_sets(StackName=stack_name)["Summaries"] if stack else []
    mine = [cs for cs in summaries if cs["ChangeSetName"] == change_set]
    ok = len(mine) == 1 and mine[0].get("ExecutionStatus") == "AVAILABLE"
    report.check(ok, f"change set planned by {plan}",
                 f"{change_set}: {mine[0].get('Status')}/{mine[0].get('ExecutionStatus')}" if mine else f"no {change_set} among {summaries}")
    by_plan = sorted({call["action"] for call in run.calls_by(plan) if call["status"] == 200})
    forbidden = [a for a in by_plan if a in ("ExecuteChangeSet", "UpdateStack", "CreateStack", "DeleteStack")]
    report.check("CreateChangeSet" in by_plan and not forbidden, f"calls of {plan}'s role",
                 f"{', '.join(by_plan)} (none executes, creates, updates or deletes a stack)")
    # The plan role's own credentials, obtained as the plan job obtains them, cannot execute the change set.
    refused, detail = attempt_execute_with_plan_role(run, plan, stack_name, change_set)
    report.check(refused, f"{plan}'s role cannot execute", detail)
    summaries = cloudformation.list_change_sets(StackName=stack_name)["Summaries"] if stack else []
    still = [cs for cs in summaries if cs["ChangeSetName"] == change_set and cs.get("ExecutionStatus") == "AVAILABLE"]
    report.check(bool(still), "change set still unexecuted", f"{change_set} is {'AVAILABLE' if still else 'not AVAILABLE'} after the attempt")


def session_of(run, job, session_name):
    """A boto3 session with the role of `job`, obtained as the job obtains it: a token for the job from the token
    server (logged as the harness's, `by`), then AssumeRoleWithWebIdentity. (role ARN, session)."""
    import urllib.parse
    import urllib.request

    query = urllib.parse.urlencode({"job": job, "event": "push", "ref": run.context["ref"], "sha": run.context["sha"],
                                    "run_id": run.context["run_id"], "run_attempt": "1", "audience": "sts.amazonaws.com",
                                    "by": "act-e2e-checks"})
    request = urllib.request.Request(f"{run.context['token_url']}/token?{query}",
                                     headers={"Authorization": f"Bearer {run.context['request_token']}"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        token = json.load(answer)["value"]
    (_, role_arn), = expected_role(run, job)
    sts = boto3.client("sts", endpoint_url=run.context["endpoint"], region_name=run.config["region"],
                       aws_access_key_id="unused", aws_secret_access_key="unused")
    credentials = sts.assume_role_with_web_identity(RoleArn=role_arn, RoleSessionName=session_name,
                                                    WebIdentityToken=token)["Credentials"]
    return role_arn, boto3.session.Session(aws_access_key_id=credentials["AccessKeyId"],
                                           aws_secret_access_key=credentials["SecretAccessKey"],
                                           aws_session_token=credentials["SessionToken"],
                                           region_name=run.config["region"])


def compensation_refusals(run, kind, role_arn, action):
    return [entry for entry in read_jsonl(run.context["compensation_log"]) if entry["kind"] == kind
            and entry.get("role") == role_arn and entry.get("action") == action and not entry.get("allowed")]


def attempt_execute_with_plan_role(run, job, stack_name, change_set):
    """execute-change-set with the credentials of the plan job's role (session_of): (refused, detail)."""
    role_arn, session = session_of(run, job, "act-e2e-plan-probe")
    cloudformation = session.client("cloudformation", endpoint_url=run.context["endpoint"])
    try:
        cloudformation.execute_change_set(StackName=stack_name, ChangeSetName=change_set)
        return False, f"ExecuteChangeSet of {change_set} with {role_arn} SUCCEEDED"
    except cloudformation.exceptions.ClientError as error:
        code = error.response["Error"]["Code"]
        entries = compensation_refusals(run, "iam-policy", role_arn, "cloudformation:ExecuteChangeSet")
        ok = code in ("AccessDenied", "AccessDeniedException") and bool(entries)
        return ok, (f"ExecuteChangeSet of {change_set} with {role_arn.rsplit('/', 1)[-1]}'s credentials: {code} "
                    f"({entries[-1]['message'] if entries else 'no iam-policy refusal recorded'})")


def check_execute_role_cannot_decrypt(report, run, job, artifacts):
    """The reviewed deploy's role only executes: KMS refuses it the build's data key (neither the key policy nor
    its IAM policies grant it), though it presents the right encryption context."""
    blobs = [files["data-key.bin"] for files in artifacts.values() if "data-key.bin" in files]
    if len(blobs) != 1:
        report.check(False, f"{job}'s role cannot decrypt", f"{len(blobs)} data keys in the artifact store, not 1")
        return
    role_arn, session = session_of(run, job, "act-e2e-decrypt-probe")
    kms = session.client("kms", endpoint_url=run.context["endpoint"])
    context = {"repository": run.context["repository"], "ref": run.context["ref"], "run_id": run.context["run_id"]}
    try:
        kms.decrypt(CiphertextBlob=blobs[0], EncryptionContext=context)
        report.check(False, f"{job}'s role cannot decrypt", f"kms:Decrypt with {role_arn} SUCCEEDED")
    except kms.exceptions.ClientError as error:
        entries = compensation_refusals(run, "kms-key-policy", role_arn, "kms:Decrypt")
        report.check(bool(entries), f"{job}'s role cannot decrypt",
                     f"{error.response['Error']['Code']} ({entries[-1]['message'] if entries else 'no kms-key-policy refusal recorded'})")


def push_main(report, run):
    """A push to the production branch: build -> validate -> deploy-staging (decrypting in its own account with the
    pipeline account's key) -> plan-prod (change set only) -> deploy-prod, run once the harness approved it."""
    staging, prod = environment(run, "staging"), environment(run, "prod")
    jobs = ["build", "validate", "deploy-staging", "plan-prod", "deploy-prod"]
    shared_account = pipeline_account(run)
    check_jobs(report, run, jobs)
    check_no_token_refusals(report, run)
    check_roles(report, run, jobs, {"build": shared_account, "validate": shared_account,
                                    "deploy-staging": staging["account"], "plan-prod": prod["account"],
                                    "deploy-prod": prod["account"]})
    check_environment_gate(report, run, jobs)
    artifacts = stored_artifacts(os.path.join(run.context["artifacts"], run.context["run_id"]))
    template_text = read_template(run)
    check_build_and_validate(report, run, artifacts, template_text)
    for job in ("validate", "deploy-staging", "plan-prod"):
        check_decrypting_job(report, run, job)
    check_cross_account_decrypt(report, run, "deploy-staging", staging["account"])
    check_cross_account_decrypt(report, run, "plan-prod", prod["account"])
    no_decrypt = [call for call in run.calls_by("deploy-prod") if call["service"] == "kms"]
    report.check(not no_decrypt, "deploy-prod uses no key", "its role executes the reviewed change set only"
                 if not no_decrypt else f"KMS calls: {[c['action'] for c in no_decrypt]}")
    check_execute_role_cannot_decrypt(report, run, "deploy-prod", artifacts)
    deployed = {}
    for env, job, planner in ((staging, "deploy-staging", None), (prod, "deploy-prod", "plan-prod")):
        stack = check_deployed_stack(report, run, env, job, template_text, planned_by=planner)
        check_stack_outputs_artifact(report, run, artifacts, env, stack)
        if stack:
            check_notification(report, run, job, stack["StackName"])
            deployed[env["account"]] = [stack["StackName"]]
    check_only_stacks(report, run, deployed)


def pull_request(report, run):
    """A pull request: build and validate reach no AWS role. Either the jobs request no token, or every
    AssumeRoleWithWebIdentity with the pull_request subject is refused by the role's trust policy."""
    subject = f"repo:{run.context['repository']}:pull_request"
    tokens = [token for token in run.tokens if "jti" in token and not token.get("by")]
    report.check(all(token["sub"] == subject for token in tokens), "OIDC subjects",
                 f"{len(tokens)} token(s), all with sub={subject}" if tokens else "no job requested a token")
    decisions = {entry.get("jti"): entry for entry in run.compensations if entry["kind"] == "trust-policy"}
    calls = [call for call in run.calls if call["action"] == "AssumeRoleWithWebIdentity"
             and call.get("jti") in {token["jti"] for token in tokens}]
    refused = [call for call in calls if call["status"] != 200 and decisions.get(call["jti"], {}).get("allowed") is False]
    report.check(len(refused) == len(calls), "pull_request assumes no role",
                 (f"all {len(calls)} AssumeRoleWithWebIdentity call(s) refused by the trust policy of "
                  f"{', '.join(sorted({c['role'].rsplit('/', 1)[-1] for c in calls}))}" if calls else
                  "no AssumeRoleWithWebIdentity call was made") if len(refused) == len(calls) else
                 f"{len(calls) - len(refused)} of {len(calls)} were admitted")
    if calls:
        print("     | " + decisions.get(calls[0]["jti"], {}).get("message", ""))
    report.check(not any(call.get("issued_access_key") for call in calls), "no credentials issued",
                 "moto handed out no access key for a pull_request token")
    for job in sorted(run.results):
        if run.results[job] == "success":
            got = run.assumptions(job)
            report.check(not [g for g in got if g[2] and g[2]["status"] == 200], f"job {job}",
                         "succeeded without any AWS role")
        else:
            step = run.failing_step(job)
            tried = run.assumptions(job)
            ok = step == "Assume the AWS role (OIDC)" and bool(tried) and all(
                decision and not decision["allowed"] for _, decision, _ in tried)
            report.check(ok, f"job {job}", f"failed at step '{step}': the trust policy refused its pull_request token"
                         if ok else f"failed at step '{step}'", run.output.get((job, step), [])[-5:] if not ok else ())
    deploys = sorted(job for job in run.results if run.jobs[job]["environment"])
    report.check(not deploys, "no environment job ran", "none did" if not deploys else f"ran: {', '.join(deploys)}")
    check_only_stacks(report, run, {})


def first_environment(run):
    first = run.config["environments"][0]
    return first, f"deploy-{first['name']}"


def check_job_failed_at(report, run, job, step, why):
    """The job ran and failed, and the step that failed it is `step`."""
    failing = run.failing_step(job)
    ok = run.results.get(job) == "failure" and failing == step
    report.check(ok, f"job {job}", f"failed at step '{failing}': {why}" if ok else
                 f"{run.results.get(job, 'did not run')}, failing step {failing!r} (expected a failure at '{step}')",
                 run.output.get((job, failing), [])[-5:] if failing else ())


def check_no_role(report, run, job):
    tokens = [t for t in run.tokens if t.get("job") == job and "jti" in t and not t.get("by")]
    assumed = [call for _, _, call in run.assumptions(job) if call and call["status"] == 200]
    report.check(not tokens and not assumed, f"{job} reached no role",
                 "no OIDC token, no AssumeRoleWithWebIdentity" if not tokens and not assumed
                 else f"{len(tokens)} token(s), assumed {[call['role'] for call in assumed]}")


def check_change_set_calls(report, run, job, wanted, unwanted):
    """The job's role made each call of `wanted` (status 200) and none of `unwanted`."""
    made = sorted({call["action"] for call in run.calls_by(job) if call["status"] == 200})
    ok = all(action in made for action in wanted) and not [a for a in unwanted if a in made]
    report.check(ok, f"calls of {job}'s role", f"{', '.join(made) or 'none'} (needs {', '.join(wanted) or 'nothing'}, "
                 f"never {', '.join(unwanted)})")


def tampered_artifact(report, run):
    """The artifact changed in the store after validate verified it: deploy-FIRST stops at its checksum step,
    before it asks for a token, and no stack changes."""
    first, deploy = first_environment(run)
    for job in ("build", "validate"):
        report.check(run.results.get(job) == "success", f"job {job}", run.results.get(job, "did not run"))
    check_job_failed_at(report, run, deploy, "Verify the artifact checksums",
                        "the stored artifact no longer matches the build's manifest")
    check_no_role(report, run, deploy)
    artifacts = stored_artifacts(os.path.join(run.context["artifacts"], run.context["run_id"]))
    built = [files for files in artifacts.values() if "SHA256SUMS" in files]
    mismatched = []
    for files in built:
        for line in files["SHA256SUMS"].decode().splitlines():
            digest, _, path = line.partition("  ")
            data = files.get(path.removeprefix("./"))
            if data is None or hashlib.sha256(data).hexdigest() != digest:
                mismatched.append(path)
    report.check(len(built) == 1 and bool(mismatched), "artifact tampered in the store",
                 f"{', '.join(mismatched) or 'nothing'} no longer matches SHA256SUMS (the harness changed it)")
    check_stacks_unchanged(report, run, "(no deploy after the tampering)")
    check_only_stacks(report, run, {})
    check_notification(report, run, deploy, stack_name_of(run, first), status="failure")


def push_develop_update(report, run):
    """A second push to the first environment's branch, with a changed template: the stack is updated through a
    change set (UPDATE_COMPLETE), with the new value, the new output and the new commit's tag."""
    first, deploy = first_environment(run)
    stack = push_develop(report, run, status="UPDATE_COMPLETE")
    outputs = {o["OutputKey"]: o["OutputValue"] for o in (stack or {}).get("Outputs", [])}
    wanted = f"{first['parameters']['EnvironmentName']}-v2"
    report.check(outputs.get("MarkerValue") == wanted, "output added by the update",
                 f"MarkerValue = {outputs.get('MarkerValue')!r} (expected {wanted!r}); outputs {sorted(outputs)}")
    before = run.context["stacks_before"].get(first["account"], {}).get(stack_name_of(run, first), {})
    report.check(bool(before) and before.get("status") == "CREATE_COMPLETE", "updated, not created",
                 f"the stack existed before this run ({before.get('status', 'absent')})")


def push_develop_unchanged(report, run):
    """The same commit pushed again: the change set has no changes, the job deletes it and stops; the stack is
    left exactly as it was."""
    first, deploy = first_environment(run)
    jobs = ["build", "validate", deploy]
    check_jobs(report, run, jobs)
    check_roles(report, run, jobs, {"build": pipeline_account(run), "validate": pipeline_account(run),
                                    deploy: first["account"]})
    check_change_set_calls(report, run, deploy, ["CreateChangeSet", "DeleteChangeSet"], ["ExecuteChangeSet"])
    stack_name = stack_name_of(run, first)
    name = f"pw-{run.context['run_id']}-1"
    left = [cs["ChangeSetName"] for cs in run.aws("cloudformation", first["account"]).list_change_sets(
        StackName=stack_name)["Summaries"] if cs["ChangeSetName"] == name]
    report.check(not left, "empty change set deleted", f"{name} is {'still there' if left else 'gone'} from {stack_name}")
    check_stacks_unchanged(report, run, "(nothing to change)")
    artifacts = stored_artifacts(os.path.join(run.context["artifacts"], run.context["run_id"]))
    stack = run.aws("cloudformation", first["account"]).describe_stacks(StackName=stack_name)["Stacks"][0]
    check_stack_outputs_artifact(report, run, artifacts, first, stack)
    check_notification(report, run, deploy, stack_name)
    check_only_stacks(report, run, {})


# --- several stacks (the stacks chains: Scripts/act/two-stacks, a network stack whose output the app stack takes) -


def stacks_of(run):
    """The config's stacks, in the order they are listed (dependencies first, as the fixture lists them)."""
    return run.config["stacks"]


def stack_full_name(run, env, stack):
    return f"{stack_name_of(run, env)}-{stack['name']}"


def stack_templates(run):
    """{stack label: template text}, as committed in the scratch repository at the flow's commit."""
    root = os.path.dirname(run.context["config"])
    texts = {}
    for stack in stacks_of(run):
        with open(os.path.join(root, stack["template"])) as handle:
            texts[stack["name"]] = handle.read()
    return texts


def stack_outputs(run, env, stack):
    """The stack's outputs in moto as {key: value}; {} when the stack or its outputs do not exist."""
    cloudformation = run.aws("cloudformation", env["account"])
    try:
        found = cloudformation.describe_stacks(StackName=stack_full_name(run, env, stack))["Stacks"][0]
    except cloudformation.exceptions.ClientError:
        return {}
    return {o["OutputKey"]: o["OutputValue"] for o in found.get("Outputs", [])}


def expected_stack_parameters(run, env, stack):
    """What CloudFormation must have been given: the stack's own parameters, the environment's `<stack>.<Key>`
    values, and for `{"output": "<stack>.<Key>"}` the real output of that stack, read from moto now."""
    by_name = {other["name"]: other for other in stacks_of(run)}
    wanted = {}
    for key, value in (stack.get("parameters") or {}).items():
        if isinstance(value, dict) and "output" in value:
            source, _, output = value["output"].partition(".")
            wanted[key] = stack_outputs(run, env, by_name[source]).get(output)
        else:
            wanted[key] = value
    for key, value in (env.get("parameters") or {}).items():
        if key.startswith(stack["name"] + "."):
            wanted[key.split(".", 1)[1]] = value
    return wanted


def check_stacks_deployed(report, run, env, job, statuses, planned_by=None):
    """Every stack of the environment deployed by `job` ({label: expected status}): check_deployed_stack with the
    parameters it must have received (an output parameter: the source stack's real output) and its own tags."""
    texts, deployed = stack_templates(run), {}
    for stack in stacks_of(run):
        if stack["name"] not in statuses:
            continue
        deployed[stack["name"]] = check_deployed_stack(
            report, run, env, job, texts[stack["name"]], planned_by=planned_by,
            stack_name=stack_full_name(run, env, stack), status=statuses[stack["name"]],
            parameters=expected_stack_parameters(run, env, stack), stack_tags=stack.get("tags"))
    return deployed


def check_output_parameters(report, run, env, deployed):
    """Each parameter a stack takes from another stack's output holds that stack's real output, in the stack and
    in the resource the fixture stores it in: the value crossed from one stack to the next inside the job."""
    for stack in stacks_of(run):
        for key, value in (stack.get("parameters") or {}).items():
            if not (isinstance(value, dict) and "output" in value) or stack["name"] not in deployed:
                continue
            source, _, output = value["output"].partition(".")
            produced = ({o["OutputKey"]: o["OutputValue"] for o in (deployed.get(source) or {}).get("Outputs", [])}
                        .get(output))
            given = {p["ParameterKey"]: p["ParameterValue"] for p in (deployed[stack["name"]] or {}).get("Parameters", [])}
            name = f"/act-e2e/{stack_full_name(run, env, stack)}/vpc-id"
            try:
                stored = run.aws("ssm", env["account"]).get_parameter(Name=name)["Parameter"]["Value"]
            except Exception as error:
                stored = f"(unreadable: {error})"
            ok = bool(produced) and re.fullmatch(r"vpc-[0-9a-f]{8}", produced) and given.get(key) == produced == stored
            report.check(bool(ok), f"{stack['name']}'s {key} from {value['output']}",
                         f"{source}'s output {output} = {produced!r}; {stack_full_name(run, env, stack)} was given "
                         f"{given.get(key)!r}; SSM {name} = {stored!r}")


def change_set_stacks(run, env):
    """{change set id: stack label} for every change set of the environment's stacks."""
    found = {}
    cloudformation = run.aws("cloudformation", env["account"])
    for stack in stacks_of(run):
        try:
            summaries = cloudformation.list_change_sets(StackName=stack_full_name(run, env, stack))["Summaries"]
        except cloudformation.exceptions.ClientError:
            continue
        for summary in summaries:
            found[summary["ChangeSetId"]] = stack["name"]
    return found


def check_change_set_order(report, run, env, job, wanted):
    """The job's role created and executed change sets in exactly this order: [(action, stack label)]. The calls
    are moto_server.py's records; an ExecuteChangeSet names the change set's ARN, whose stack moto tells."""
    owners = change_set_stacks(run, env)
    by_name = {stack_full_name(run, env, stack): stack["name"] for stack in stacks_of(run)}
    made = []
    for call in run.calls_by(job):
        if call["status"] != 200 or call["action"] not in ("CreateChangeSet", "ExecuteChangeSet"):
            continue
        if call["action"] == "CreateChangeSet":
            made.append((call["action"], by_name.get(call.get("stack"), call.get("stack"))))
        else:
            made.append((call["action"], owners.get(call.get("change_set"), call.get("change_set"))))
    report.check(made == wanted, f"order of {job}'s change sets",
                 (" -> ".join(f"{action} {stack}" for action, stack in made) or "none made")
                 + ("" if made == wanted else f" (expected {' -> '.join(f'{a} {s}' for a, s in wanted)})"))


def verify_commands(run, env):
    """The environment's verification commands: its own `verify`, or else the pipeline's ([] turns them off)."""
    return env["verify"] if "verify" in env else run.config.get("verify", [])


def verify_jobs(run, env):
    return [f"verify-{env['name']}"] if verify_commands(run, env) else []


def check_verification(report, run, env, deploy):
    """The verification after a deploy: `verify-ENV` ran after `deploy`, under the environment's read-only verify
    role in its own account, and each command (which compare STACK_OUTPUT_* with what describe-stacks says, see
    Scripts/act/two-stacks/pipewright.json) succeeded. The role's calls only read, and it cannot write: a
    delete-stack with its credentials is refused."""
    if not verify_commands(run, env):
        return
    job = f"verify-{env['name']}"
    check_roles(report, run, [job], {job: env["account"]})
    commands = [step for step in run.jobs[job]["steps"] if step.startswith("Verification command ")]
    report.check(len(commands) == len(verify_commands(run, env)), f"{job}'s steps",
                 f"{len(commands)} verification step(s) for {len(verify_commands(run, env))} command(s)")
    check_steps_succeeded(report, run, job, {"Read the stack outputs", *commands}, f"{job} read the outputs and verified",
                          "every command succeeded, with the stacks' real outputs in its environment")
    check_notification(report, run, job, stack_name_of(run, env), prefix="Verification of")
    actions = sorted({call["action"] for call in run.calls_by(job)})
    writes = [a for a in actions if not a.startswith(("Describe", "Get", "List"))]
    report.check("DescribeStacks" in actions and not writes, f"calls of {job}'s role",
                 f"{', '.join(actions) or 'none'} (only reads)" if not writes else f"writes: {', '.join(writes)}")
    role_arn, session = session_of(run, job, "act-e2e-verify-probe")
    stack = stack_full_name(run, env, stacks_of(run)[-1]) if stacks_of(run) else stack_name_of(run, env)
    cloudformation = session.client("cloudformation", endpoint_url=run.context["endpoint"])
    try:
        cloudformation.delete_stack(StackName=stack)
        report.check(False, f"{job}'s role cannot write", f"DeleteStack of {stack} with {role_arn} SUCCEEDED")
    except cloudformation.exceptions.ClientError as error:
        entries = compensation_refusals(run, "iam-policy", role_arn, "cloudformation:DeleteStack")
        report.check(bool(entries), f"{job}'s role cannot write",
                     f"DeleteStack of {stack}: {error.response['Error']['Code']} "
                     f"({entries[-1]['message'] if entries else 'no iam-policy refusal recorded'})")


def check_stacks_build(report, run, jobs, accounts_of_jobs):
    """What every stacks flow shares: the jobs, their roles and environments, the encrypted artifact."""
    check_jobs(report, run, jobs)
    check_no_token_refusals(report, run)
    check_roles(report, run, jobs, accounts_of_jobs)
    check_environment_gate(report, run, jobs)
    artifacts = stored_artifacts(os.path.join(run.context["artifacts"], run.context["run_id"]))
    check_build_artifact(report, run, artifacts, list(stack_templates(run).values()))
    check_kms(report, run, "build", "GenerateDataKey")
    return artifacts


def stacks_develop(report, run):
    """A push to the direct environment's branch: deploy-FIRST deploys network, then app with network's real
    VpcId, each through its own change set, and notifies once."""
    env, deploy = first_environment(run)
    labels = [stack["name"] for stack in stacks_of(run)]
    shared_account = pipeline_account(run)
    artifacts = check_stacks_build(report, run, ["build", "validate", deploy] + verify_jobs(run, env),
                                   {"build": shared_account, "validate": shared_account, deploy: env["account"],
                                    **{job: env["account"] for job in verify_jobs(run, env)}})
    for job in ("validate", deploy):
        check_decrypting_job(report, run, job)
    check_cross_account_decrypt(report, run, deploy, env["account"])
    deployed = check_stacks_deployed(report, run, env, deploy, {label: "CREATE_COMPLETE" for label in labels})
    check_change_set_order(report, run, env, deploy,
                           [(action, label) for label in labels for action in ("CreateChangeSet", "ExecuteChangeSet")])
    check_output_parameters(report, run, env, deployed)
    for label, stack in deployed.items():
        check_stack_outputs_artifact(report, run, artifacts, env, stack, label=label)
    check_notification(report, run, deploy, stack_name_of(run, env))
    check_verification(report, run, env, deploy)
    check_only_stacks(report, run, {env["account"]: [stack_full_name(run, env, s) for s in stacks_of(run)]})


def reviewed_environment(run):
    env = next(env for env in run.config["environments"] if env.get("strategy") == "changeSet")
    return env, f"plan-{env['name']}", f"deploy-{env['name']}"


def check_plan_before_approval(report, run, planned, pending):
    """Stopped at the reviewed deploy's approval: the plan job created the change set of each stack of `planned`
    ({label: change set type}) and none for `pending`, changed no stack, and its role cannot execute."""
    env, plan, deploy = reviewed_environment(run)
    report.check(run.results.get(plan) == "success", f"job {plan} before approval",
                 f"{run.results.get(plan, 'did not finish')} ({deploy} waits for approval)")
    report.check(deploy not in run.results and not any(t.get("job") == deploy and "jti" in t for t in run.tokens),
                 f"{deploy} before approval", "has no token and no result yet (its token request is held)")
    cloudformation = run.aws("cloudformation", env["account"])
    change_set = f"pw-{run.context['run_id']}-1"
    for stack in stacks_of(run):
        name = stack_full_name(run, env, stack)
        try:
            summaries = cloudformation.list_change_sets(StackName=name)["Summaries"]
        except cloudformation.exceptions.ClientError:
            summaries = []
        mine = [cs for cs in summaries if cs["ChangeSetName"] == change_set]
        if stack["name"] in planned:
            # DescribeChangeSet does not name the type: a change set that creates the stack holds it in review.
            status = cloudformation.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] if mine else None
            kind = "CREATE" if status == "REVIEW_IN_PROGRESS" else "UPDATE"
            changes = cloudformation.describe_change_set(ChangeSetName=mine[0]["ChangeSetId"])["Changes"] if mine else []
            actions = [f"{c['ResourceChange']['Action']} {c['ResourceChange']['LogicalResourceId']}" for c in changes]
            ok = len(mine) == 1 and mine[0].get("ExecutionStatus") == "AVAILABLE" and kind == planned[stack["name"]]
            report.check(ok, f"change set of {stack['name']} planned by {plan}",
                         f"{change_set} of {name} ({status}): {mine[0].get('Status')}/{mine[0].get('ExecutionStatus')}, "
                         f"type {kind} (expected {planned[stack['name']]}), changes {actions}"
                         if mine else f"no {change_set} among {summaries}")
        else:
            report.check(not mine, f"{stack['name']} not planned by {plan}",
                         f"no {change_set} for {name}: an output it reads does not exist yet" if not mine
                         else f"{change_set} exists for {name}")
    check_stacks_unchanged(report, run, f"(only {plan} ran in {env['account']})")
    for stack in stacks_of(run):
        marker = f"/act-e2e/{stack_full_name(run, env, stack)}/marker"
        value = None
        try:
            value = run.aws("ssm", env["account"]).get_parameter(Name=marker)["Parameter"]["Value"]
        except Exception:
            pass
        before = stack_full_name(run, env, stack) in run.context["stacks_before"].get(env["account"], {})
        report.check(before or value is None, f"no new {stack['name']} resources before approval",
                     f"SSM parameter {marker} {'= ' + repr(value) if value is not None else 'does not exist'}"
                     + (" (the stack existed before this run)" if before else ""))
    by_plan = sorted({call["action"] for call in run.calls_by(plan) if call["status"] == 200})
    forbidden = [a for a in by_plan if a in ("ExecuteChangeSet", "UpdateStack", "CreateStack", "DeleteStack")]
    created = [call for call in run.calls_by(plan) if call["action"] == "CreateChangeSet" and call["status"] == 200]
    report.check(len(created) == len(planned) and not forbidden, f"calls of {plan}'s role",
                 f"{', '.join(by_plan)}; {len(created)} change set(s) created (none executes, creates, updates or "
                 f"deletes a stack)")
    last = [stack for stack in stacks_of(run) if stack["name"] in planned][-1]
    refused, detail = attempt_execute_with_plan_role(run, plan, stack_full_name(run, env, last), change_set)
    report.check(refused, f"{plan}'s role cannot execute", detail)


def stacks_main_first_before_approval(report, run):
    check_plan_before_approval(report, run, {"network": "CREATE"}, ["app"])


def stacks_main_first(report, run):
    """The first push to the reviewed environment's branch: network is planned and, once approved, deployed; app
    reads network's output, which did not exist when the plan ran, so it was not planned, and the deploy job
    stops there (run the pipeline again to plan and review it) and notifies the failure."""
    env, plan, deploy = reviewed_environment(run)
    shared_account = pipeline_account(run)
    jobs = ["build", "validate", plan, deploy]
    check_no_token_refusals(report, run)
    check_roles(report, run, jobs, {"build": shared_account, "validate": shared_account, plan: env["account"],
                                    deploy: env["account"]})
    check_environment_gate(report, run, jobs)
    for job in ("build", "validate", plan):
        report.check(run.results.get(job) == "success", f"job {job}", run.results.get(job, "did not run"))
    check_job_failed_at(report, run, deploy, "Execute the reviewed change set of stack app",
                        "app was not planned: the output it reads did not exist when the plan ran")
    deployed = check_stacks_deployed(report, run, env, deploy, {"network": "CREATE_COMPLETE"}, planned_by=plan)
    check_change_set_order(report, run, env, plan, [("CreateChangeSet", "network")])
    check_change_set_order(report, run, env, deploy, [("ExecuteChangeSet", "network")])
    app = stack_full_name(run, env, stacks_of(run)[1])
    report.check(app not in stack_names(run, env["account"]), f"{app} not created", "no such stack in "
                 f"{env['account']}: the deploy job stopped before it")
    check_notification(report, run, deploy, stack_name_of(run, env), status="failure")
    check_only_stacks(report, run, {env["account"]: [stack["StackName"] for stack in deployed.values() if stack]})


def stacks_main_before_approval(report, run):
    check_plan_before_approval(report, run, {"network": "UPDATE", "app": "CREATE"}, [])


def stacks_main(report, run):
    """A push to the reviewed environment's branch that changes network (its marker; VpcId stays): the plan job
    created both change sets, one approval let the deploy job verify and execute both, network first, and app was
    given network's real VpcId. The deploy role executes only: it uses no key and cannot decrypt."""
    env, plan, deploy = reviewed_environment(run)
    shared_account = pipeline_account(run)
    artifacts = check_stacks_build(report, run, ["build", "validate", plan, deploy] + verify_jobs(run, env),
                                   {"build": shared_account, "validate": shared_account, plan: env["account"],
                                    deploy: env["account"], **{job: env["account"] for job in verify_jobs(run, env)}})
    for job in ("validate", plan):
        check_decrypting_job(report, run, job)
    check_cross_account_decrypt(report, run, plan, env["account"])
    keys = [call for call in run.calls_by(deploy) if call["service"] == "kms"]
    report.check(not keys, f"{deploy} uses no key", "its role executes the reviewed change sets only"
                 if not keys else f"KMS calls: {[c['action'] for c in keys]}")
    check_execute_role_cannot_decrypt(report, run, deploy, artifacts)
    reviewed = sorted({t["job"] for t in run.tokens if "jti" in t and not t.get("by")
                       and (run.context["environments"].get(t.get("environment") or "") or {}).get("reviewers")})
    tokens = [t for t in run.tokens if t.get("job") == deploy and "jti" in t and not t.get("by")]
    report.check(reviewed == [deploy] and len(tokens) == 1, "one approval",
                 f"the jobs of environments with required reviewers that got a token: {reviewed}; {deploy} got "
                 f"{len(tokens)} token(s)")
    steps = [step for step in run.jobs[deploy]["steps"] if step == "Verify every reviewed change set"]
    check_steps_succeeded(report, run, deploy, set(steps), "reviewed change sets verified",
                          "both matched their reviewed content before either was executed")
    deployed = check_stacks_deployed(report, run, env, deploy, {"network": "UPDATE_COMPLETE", "app": "CREATE_COMPLETE"},
                                     planned_by=plan)
    check_change_set_order(report, run, env, plan, [("CreateChangeSet", "network"), ("CreateChangeSet", "app")])
    check_change_set_order(report, run, env, deploy, [("ExecuteChangeSet", "network"), ("ExecuteChangeSet", "app")])
    check_output_parameters(report, run, env, deployed)
    before = run.context["stacks_before"].get(env["account"], {})
    network = stack_full_name(run, env, stacks_of(run)[0])
    kept = dict(before.get(network, {}).get("outputs", [])) == stack_outputs(run, env, stacks_of(run)[0])
    report.check(kept, f"{network}'s outputs kept", f"the update changed its marker, not its outputs: "
                 f"{stack_outputs(run, env, stacks_of(run)[0])} (before: {dict(before.get(network, {}).get('outputs', []))})")
    for label, stack in deployed.items():
        check_stack_outputs_artifact(report, run, artifacts, env, stack, label=label)
    check_notification(report, run, deploy, stack_name_of(run, env))
    check_verification(report, run, env, deploy)
    check_only_stacks(report, run, {env["account"]: [stack_full_name(run, env, s) for s in stacks_of(run)]})


def stacks_broken_output(report, run):
    """The harness's self-test for the stacks chain: the emitted workflow with the app stack reading an output
    the network stack does not have (VpcIdx). The stacks-develop checks must fail, the deploy job must stop at the
    app stack's step, naming the missing output, and no stack may change."""
    import contextlib
    import io

    env, deploy = first_environment(run)
    inner = Report()
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        stacks_develop(inner, run)
    failures = [line for line in captured.getvalue().splitlines() if line.startswith("FAIL ")]
    print("     | the stacks-develop checks on the broken file said:")
    for line in failures:
        print(f"     |   {line}")
    report.check(inner.failed > 0, "self-test: the E2E fails", f"{inner.failed} of {inner.passed + inner.failed} checks failed")
    step = "Deploy stack app with a change set"
    check_job_failed_at(report, run, deploy, step, "the app stack reads an output the network stack does not have")
    said = [line for line in run.errors.get((deploy, step), []) if "output VpcIdx" in line]
    report.check(bool(said), "self-test: the error names the output", said[0] if said else
                 f"no ::error:: of '{step}' names output VpcIdx ({run.errors.get((deploy, step))})")
    check_stacks_unchanged(report, run, "(the broken deploy changed nothing)")
    for job in verify_jobs(run, env):
        report.check(job not in run.results, f"no {job} after the failed deploy",
                     "skipped: a failed deploy is not verified, and nothing after it is promoted" if job not in run.results
                     else f"{job} ran: {run.results[job]}")


def dispatch_stack(run):
    first, _ = first_environment(run)
    naming = run.config["stackNaming"]
    return first, f"{naming['prefix']}-{first['name']}-{run.context['inputs']['environment_suffix']}"


def dispatch_deploy(report, run):
    """workflow_dispatch, action deploy, of the first environment with its own stack suffix."""
    _, stack_name = dispatch_stack(run)
    push_develop(report, run, stack_name=stack_name)


def destroy_job(run):
    return f"destroy-{run.context['inputs']['environment']}"


def dispatch_destroy_wrong(report, run):
    """workflow_dispatch, action destroy, with a confirmation that is not the stack's name: refused before any
    role is assumed, stack kept."""
    _, stack_name = dispatch_stack(run)
    job = destroy_job(run)
    check_job_failed_at(report, run, job, "Check the confirmation", f"the confirmation {run.context['inputs']['confirm']!r} "
                        f"is not the stack's name")
    report.check(sorted(run.results) == [job], "no other job ran", f"ran: {', '.join(sorted(run.results))}")
    # The confirmation is checked before the role is assumed: a mistyped one gets no credentials at all.
    check_no_role(report, run, job)
    check_environment_gate(report, run, [job])
    check_change_set_calls(report, run, job, [], ["DeleteStack"])
    check_stacks_unchanged(report, run, "(destroy refused)")
    check_only_stacks(report, run, {})
    check_notification(report, run, job, stack_name, status="failure", prefix="Destroy of")


def dispatch_destroy(report, run):
    """workflow_dispatch, action destroy, confirmed with the stack's name: the stack and its resources are gone."""
    first, stack_name = dispatch_stack(run)
    job = destroy_job(run)
    check_jobs(report, run, [job])
    check_roles(report, run, [job], {job: first["account"]})
    check_environment_gate(report, run, [job])
    check_change_set_calls(report, run, job, ["DeleteStack"], ["CreateChangeSet", "ExecuteChangeSet"])
    report.check(stack_name in run.context["stacks_before"].get(first["account"], {}) and
                 stack_name not in stack_names(run, first["account"]), f"stack {stack_name} destroyed",
                 f"in {first['account']} before the run, not after it")
    try:
        run.aws("ssm", first["account"]).get_parameter(Name=f"/act-e2e/{stack_name}/marker")
        gone = False
    except Exception:
        gone = True
    report.check(gone, f"resources of {stack_name} deleted", f"SSM parameter /act-e2e/{stack_name}/marker "
                 f"{'is gone' if gone else 'STILL EXISTS'}")
    check_only_stacks(report, run, {}, removed={first["account"]: [stack_name]})
    check_notification(report, run, job, stack_name, prefix="Destroy of")


def dispatch_destroy_prod(report, run):
    """workflow_dispatch, action destroy, of the production environment: the workflow has no destroy job for it,
    only one that refuses, with no permissions at all; the production stack stays."""
    environment_name = run.context["inputs"]["environment"]
    report.check(f"destroy-{environment_name}" not in run.jobs, f"no destroy-{environment_name} job",
                 f"the workflow's jobs: {', '.join(sorted(run.jobs))}")
    check_job_failed_at(report, run, "destroy-refused", "Refuse", f"{environment_name} is a production environment")
    report.check(sorted(run.results) == ["destroy-refused"], "no other job ran", f"ran: {', '.join(sorted(run.results))}")
    tokens = [t for t in run.tokens if not t.get("by")]
    report.check(not tokens, "no OIDC token requested", f"{len(tokens)} request(s)")
    check_stacks_unchanged(report, run, "(destroy refused)")
    check_only_stacks(report, run, {})


def drift_prepare(run):
    """Changes the first environment's marker parameter behind CloudFormation's back: that stack drifts."""
    first, _ = first_environment(run)
    name = f"/act-e2e/{stack_name_of(run, first)}/marker"
    run.aws("ssm", first["account"]).put_parameter(Name=name, Value="changed-outside-cloudformation", Overwrite=True)
    print(f"--- drift: set {name} in {first['account']} to 'changed-outside-cloudformation' outside CloudFormation")


def drift(report, run):
    """The drift workflow: every environment's job assumes its read-only drift role and asks CloudFormation
    (compensations' drift-detection stand-in); the drifted stack fails its job and notifies, the others pass."""
    first, _ = first_environment(run)
    jobs = [f"drift-{env['name']}" for env in run.config["environments"]]
    report.check(sorted(run.jobs) == sorted(jobs), "drift jobs", f"{', '.join(sorted(run.jobs))} (one per environment)")
    check_roles(report, run, jobs, {f"drift-{env['name']}": env["account"] for env in run.config["environments"]})
    check_environment_gate(report, run, jobs)
    detections = [entry for entry in read_jsonl(run.context["compensation_log"]) if entry["kind"] == "drift-detection"]
    for env in run.config["environments"]:
        job, stack_name = f"drift-{env['name']}", stack_name_of(run, env)
        check_change_set_calls(report, run, job, ["DetectStackDrift", "DescribeStackDriftDetectionStatus"],
                               ["CreateChangeSet", "ExecuteChangeSet", "UpdateStack", "DeleteStack"])
        found = [entry for entry in detections if entry["stack"] == stack_name and entry["account"] == env["account"]]
        status = found[-1]["status"] if found else None
        if env is first:
            report.check(status == "DRIFTED", f"drift of {stack_name}", f"{status} ({found[-1]['resources'] if found else 'never detected'})")
            check_job_failed_at(report, run, job, "Detect drift", "the stack drifted")
            check_notification(report, run, job, stack_name, status="failure", prefix="Drift detected in")
        else:
            report.check(status == "IN_SYNC", f"drift of {stack_name}", f"{status}")
            report.check(run.results.get(job) == "success", f"job {job}", run.results.get(job, "did not run"))
            texts = [text for text in run_webhooks(run) if f" {stack_name}: " in text]
            report.check(not texts, f"no notification for {stack_name}", "none" if not texts else texts[0])
    check_stacks_unchanged(report, run, "(drift detection only reads)")


def broken_workflow(report, run):
    """The harness's self-test: the emitted workflow with one wrong output name (build's artifact-name). The
    push-develop checks must fail, and name the job and the step that broke."""
    import contextlib
    import io

    inner = Report()
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        push_develop(inner, run)
    lines = captured.getvalue().splitlines()
    failures = [line for line in lines if line.startswith("FAIL ")]
    print("     | the push-develop checks on the broken file said:")
    for line in failures:
        print(f"     |   {line}")
    # The mistake leaves validate's artifact name empty: download-artifact fetches every artifact into
    # subfolders, so the checksum step finds no manifest where the build put it.
    named = [line for line in failures if line == "FAIL job validate: failed at step 'Verify the artifact checksums'"]
    report.check(inner.failed > 0, "self-test: the E2E fails", f"{inner.failed} of {inner.passed + inner.failed} checks failed")
    report.check(bool(named), "self-test: the failure names job and step",
                 named[0].removeprefix("FAIL ") if named else
                 "no FAIL line says: job validate: failed at step 'Verify the artifact checksums'")
    check_only_stacks(report, run, {})


def tamper(path):
    """Changes one byte of the encrypted bundle in the artifact store of the flow's run (tampered-artifact)."""
    with open(path) as handle:
        context = json.load(handle)
    root = os.path.join(context["artifacts"], context["run_id"])
    targets = [os.path.join(folder, name) for folder, _, names in os.walk(root) for name in names
               if name in ("bundle.tar.gz.enc", "bundle.tar.gz.enc.gz__")]
    if len(targets) != 1:
        sys.exit(f"tamper: expected one bundle.tar.gz.enc under {root}, found {targets}")
    with open(targets[0], "rb") as handle:
        data = handle.read()
    plain = gzip.decompress(data) if targets[0].endswith(".gz__") else data
    plain = plain[:-1] + bytes([plain[-1] ^ 0x01])
    with open(targets[0], "wb") as handle:
        handle.write(gzip.compress(plain) if targets[0].endswith(".gz__") else plain)
    print(f"--- tampered: flipped the last bit of {os.path.relpath(targets[0], root)} in the artifact store")
    return 0


def prepare(path):
    with open(path) as handle:
        context = json.load(handle)
    step = FLOWS[context["flow"]].get("prepare")
    if step:
        step(Run(context))
    return 0


# The sam chain's set-up and checks live in sam_chain.py, which reads the helpers above from this module.
sys.modules.setdefault("checks", sys.modules[__name__])
import sam_chain  # noqa: E402

# Each flow: its chain (flows of one chain build on each other's stacks and run in this order, in one process
# with one moto; the chains run side by side, so a flow sees only its own chain's stacks), the event, the branch pushed (or the pull request's base, or the
# dispatch's ref), the jobs the harness approves as a required reviewer would (their OIDC token is held until
# then, compensations.environment_hold), the checks run while they wait, and the checks of the finished run.
# Optional: `workflow` (drift: the drift workflow), `inputs` (workflow_dispatch), `template` (update: a second
# commit with version 2 of the fixture), `tamper` (a job whose token request is held while the harness changes
# the stored artifact), `prepare` (done in moto before the run), `break` (sed expressions applied to a copy of
# the emitted file: the harness's self-test), `config` (the scratch repository is that folder of Scripts/act, its
# pipewright.json rendered with `pipewright generate`, instead of the cloudformation blueprint; its update/ holds
# the templates of `template: update`; the flows of one run must agree on it), `blueprint` (the blueprint
# `pipewright init` scaffolds for the chain, default cloudformation; one per chain).
FLOWS = {
    "push-develop": {"chain": "develop", "event": "push", "branch": "develop", "approve": [], "before_approval": None,
                     "checks": push_develop},
    "push-develop-update": {"chain": "develop", "event": "push", "branch": "develop", "template": "update",
                            "approve": [], "before_approval": None, "checks": push_develop_update},
    "push-develop-unchanged": {"chain": "develop", "event": "push", "branch": "develop", "template": "update",
                               "approve": [], "before_approval": None, "checks": push_develop_unchanged},
    "push-main": {"chain": "main", "event": "push", "branch": "main", "approve": ["deploy-prod"],
                  "before_approval": push_main_before_approval, "checks": push_main},
    "dispatch-deploy": {"chain": "main", "event": "workflow_dispatch", "branch": "develop", "approve": [],
                        "before_approval": None,
                        "inputs": {"environment": "dev", "action": "deploy", "environment_suffix": "main", "confirm": ""},
                        "checks": dispatch_deploy},
    "drift": {"chain": "main", "event": "workflow_dispatch", "branch": "main", "workflow": "drift", "approve": [],
              "before_approval": None, "prepare": drift_prepare, "checks": drift},
    "dispatch-destroy-prod": {"chain": "main", "event": "workflow_dispatch", "branch": "main", "approve": [],
                              "before_approval": None,
                              "inputs": {"environment": "prod", "action": "destroy", "environment_suffix": "main",
                                         "confirm": "myapp-prod-main"},
                              "checks": dispatch_destroy_prod},
    # The refused destroy asks for no token (the confirmation is checked first), so there is no token to hold
    # for the reviewer's approval; that GitHub asks for it at job start is the environment gate's to name.
    "dispatch-destroy-unconfirmed": {"chain": "main", "event": "workflow_dispatch", "branch": "develop",
                                     "approve": [], "before_approval": None,
                                     "inputs": {"environment": "dev", "action": "destroy", "environment_suffix": "main",
                                                "confirm": "dev"},
                                     "checks": dispatch_destroy_wrong},
    "dispatch-destroy": {"chain": "main", "event": "workflow_dispatch", "branch": "develop", "approve": ["destroy-dev"],
                         "before_approval": None,
                         "inputs": {"environment": "dev", "action": "destroy", "environment_suffix": "main",
                                    "confirm": "myapp-dev-main"},
                         "checks": dispatch_destroy},
    # The `stacks` and `stacks-prod` chains: a config of two stacks (Scripts/act/two-stacks), the app stack taking
    # the network stack's output; two chains, so that neither is much longer than the others. The reviewed
    # environment's first run can plan network only (app's input does not exist yet); the second, with a changed
    # network template, plans and executes both after one approval.
    "stacks-develop": {"chain": "stacks", "config": "two-stacks", "event": "push", "branch": "develop", "approve": [],
                       "before_approval": None, "checks": stacks_develop},
    "stacks-broken-output": {"chain": "stacks", "config": "two-stacks", "event": "push", "branch": "develop",
                             "approve": [], "before_approval": None,
                             "break": ["s/-network VpcId$/-network VpcIdx/"], "checks": stacks_broken_output},
    "stacks-main-first": {"chain": "stacks-prod", "config": "two-stacks", "event": "push", "branch": "main",
                          "approve": ["deploy-prod"], "before_approval": stacks_main_first_before_approval,
                          "checks": stacks_main_first},
    "stacks-main": {"chain": "stacks-prod", "config": "two-stacks", "event": "push", "branch": "main", "template": "update",
                    "approve": ["deploy-prod"], "before_approval": stacks_main_before_approval, "checks": stacks_main},
    "pull-request": {"chain": "guards", "event": "pull_request", "branch": "main", "head": "feature/act-e2e",
                     "approve": [], "before_approval": None, "checks": pull_request},
    "tampered-artifact": {"chain": "guards", "event": "push", "branch": "develop", "approve": [], "tamper": "validate",
                          "before_approval": None, "checks": tampered_artifact},
    "broken-workflow": {"chain": "guards", "event": "push", "branch": "develop", "approve": [], "before_approval": None,
                        "break": ["s/artifact-name: ${{ steps.encrypt.outputs.artifact-name }}/"
                                  "artifact-name: ${{ steps.encrypt.outputs.artifact-nme }}/"],
                        "checks": broken_workflow},
    "sam-push-develop": {"chain": "sam", "blueprint": "sam", "event": "push", "branch": "develop", "approve": [],
                         "before_approval": None, "checks": sam_chain.push_develop},
    "sam-push-main": {"chain": "sam", "blueprint": "sam", "event": "push", "branch": "main", "approve": ["deploy-prod"],
                      "before_approval": sam_chain.push_main_before_approval, "checks": sam_chain.push_main},
}


def snapshot(path):
    """The stacks of every account, before a flow runs: {account: {stack: state}} (stack_states)."""
    with open(path) as handle:
        context = json.load(handle)
    run = Run(context)
    json.dump({account: stack_states(run, account) for account in accounts(run)}, sys.stdout)
    sys.stdout.write("\n")
    return 0


def main(arguments):
    if arguments[:1] == ["flows"]:
        print(json.dumps({name: {key: value for key, value in flow.items() if not callable(value)}
                          for name, flow in FLOWS.items()}, indent=2))
        return 0
    if arguments[:1] == ["snapshot"] and len(arguments) == 2:
        return snapshot(arguments[1])
    if arguments[:1] == ["tamper"] and len(arguments) == 2:
        return tamper(arguments[1])
    if arguments[:1] == ["prepare"] and len(arguments) == 2:
        return prepare(arguments[1])
    stage = "checks"
    if arguments[:1] == ["--before-approval"]:
        stage, arguments = "before_approval", arguments[1:]
    if len(arguments) != 1:
        sys.exit("usage: checks.py [--before-approval] CONTEXT.json | checks.py flows | checks.py snapshot CONTEXT.json")
    with open(arguments[0]) as handle:
        context = json.load(handle)
    report = Report()
    if FLOWS[context["flow"]][stage]:
        FLOWS[context["flow"]][stage](report, Run(context))
    print(f"checks: {report.passed} passed, {report.failed} failed")
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
