"""The `sam` chain of Scripts/act-e2e: the SAM blueprint's emitted workflow, run in act against moto.

    python3 sam_chain.py scratch REPO TEMPLATE_PATH        the user's input: a SAM template with one Python
                                                          function built by a Makefile (no container, no
                                                          interpreter of its runtime needed) and its handler
    python sam_chain.py wheelhouse WORKFLOW.yml DIR        every hash lock the workflow embeds (the SAM CLI's,
                                                          cfn-lint's), its wheels downloaded into DIR once
                                                          (`pip download --require-hashes --no-deps`), so the
                                                          jobs' pip can run offline (compensations: pip-offline)
    python sam_chain.py setup INIT.txt CONFIG.json         (as the pipeline account's administrator, e2e venv)
                                                          the package bucket the next steps tell the user to
                                                          create, with the bucket policy they describe

The checks of the chain's flows (FLOWS in checks.py with `"blueprint": "sam"`: a push to develop, and a push to
main through the reviewed prod change set) are here too; they judge by what moto holds: the stacks and their
functions, the package's objects in the pipeline account's bucket.
"""
import hashlib
import json
import os
import re
import subprocess
import sys

LOCK_HEREDOC = re.compile(r"cat > \"\$lock\" <<'LOCK'\n(.*?)\nLOCK\n", re.S)
HANDLER = '''import os


def handler(event, context):
    return {"environment": os.environ["ENVIRONMENT_NAME"], "event": event}
'''


# A supported Lambda runtime: the host's Python (3.11) is past Lambda's creation cut-off (2026-07-31), which
# cfn-lint (the validate job's) and moto's ValidateTemplate refuse. The function is built by a Makefile
# (`BuildMethod: makefile`), which copies the handler: `sam build` then needs neither a container nor the
# runtime's interpreter on the host.
RUNTIME = "python3.13"
MAKEFILE = 'build-Hello:\n\tcp app.py "$(ARTIFACTS_DIR)/"\n'


def template_text():
    # Long-form intrinsics, so the checks read it with a plain YAML parser.
    return f"""AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Pipewright act-e2e SAM fixture, one Python function
Parameters:
  EnvironmentName:
    Type: String
    AllowedPattern: '^[a-z][a-z0-9-]*$'
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: makefile
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: {RUNTIME}
      MemorySize: 128
      Timeout: 5
      Environment:
        Variables:
          ENVIRONMENT_NAME:
            Ref: EnvironmentName
Outputs:
  FunctionName:
    Description: The function's name
    Value:
      Ref: Hello
"""


def scratch(repo, template_path):
    template = os.path.join(repo, template_path)
    os.makedirs(os.path.dirname(template) or repo, exist_ok=True)
    with open(template, "w") as handle:
        handle.write(template_text())
    source = os.path.join(os.path.dirname(template), "src")
    os.makedirs(source, exist_ok=True)
    with open(os.path.join(source, "app.py"), "w") as handle:
        handle.write(HANDLER)
    with open(os.path.join(source, "Makefile"), "w") as handle:
        handle.write(MAKEFILE)
    print(f"{template_path}: one AWS::Serverless::Function, runtime {RUNTIME}, code in src/app.py, built by src/Makefile")
    return 0


def locks(workflow_path):
    """The hash locks the workflow's steps write with `cat > "$lock" <<'LOCK'`, each once, in order."""
    import yaml  # noqa: PLC0415 (the e2e venv has it)

    with open(workflow_path) as handle:
        workflow = yaml.safe_load(handle)
    found = []
    for job in (workflow.get("jobs") or {}).values():
        for step in job.get("steps") or []:
            for match in LOCK_HEREDOC.finditer(str(step.get("run", ""))):
                if match.group(1) not in found:
                    found.append(match.group(1))
    return found


def wheelhouse(workflow_path, directory):
    found = locks(workflow_path)
    if not found:
        sys.exit(f"sam_chain: {workflow_path} embeds no hash lock (cat > \"$lock\" <<'LOCK')")
    want = hashlib.sha256(("\n".join(found) + sys.version).encode()).hexdigest()
    stamp = os.path.join(directory, ".locks.sha256")
    if os.path.exists(stamp) and open(stamp).read().strip() == want:
        print(f"wheelhouse: {len(found)} lock(s), wheels already in {directory}")
        return 0
    os.makedirs(directory, exist_ok=True)
    for index, lock in enumerate(found):
        path = os.path.join(directory, f"lock-{index}.txt")
        with open(path, "w") as handle:
            handle.write(lock + "\n")
        # Each lock on its own: two locks may pin different versions of one package.
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-input",
                   "--require-hashes", "--no-deps", "--only-binary=:all:", "-r", path, "-d", directory]
        if subprocess.run(command).returncode != 0:
            sys.exit(f"sam_chain: pip download of the lock {path} failed")
    with open(stamp, "w") as handle:
        handle.write(want + "\n")
    wheels = len([name for name in os.listdir(directory) if name.endswith(".whl")])
    print(f"wheelhouse: {len(found)} lock(s), {wheels} wheels in {directory}")
    return 0


def package_bucket_step(init_text):
    """The package bucket step of the next steps: (bucket, execution role pattern, key pattern)."""
    text = " ".join(init_text.split())  # the sentence is wrapped
    match = re.search(r"The SAM bucket (\S+) belongs in the pipeline account; its bucket policy must let each "
                      r"environment's execution role \((\S+)\) read (\S+?)\.(?: |$)", text)
    if not match:
        sys.exit("sam_chain: the next steps name no SAM package bucket ('The SAM bucket ... belongs in the pipeline "
                 "account; its bucket policy must let ...')")
    return match.groups()


def setup(init_path, config_path):
    """Creates the package bucket in the pipeline account (the credentials in the environment), with a bucket
    policy that lets each environment's execution role read the packages, as the next steps say."""
    import boto3  # noqa: PLC0415 (e2e venv)

    with open(init_path) as handle:
        bucket, role_pattern, key_pattern = package_bucket_step(handle.read())
    with open(config_path) as handle:
        config = json.load(handle)
    roles = [f"arn:aws:iam::{env['account']}:role/{role_pattern.replace('<environment>', env['name'])}"
             for env in config["environments"]]
    s3 = boto3.client("s3", region_name=config["region"])
    s3.create_bucket(Bucket=bucket)
    policy = {"Version": "2012-10-17", "Statement": [{
        "Sid": "EnvironmentsReadPackages", "Effect": "Allow", "Principal": {"AWS": roles},
        "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/{key_pattern}"}]}
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
    print(f"bucket {bucket}: readable under {key_pattern} by {', '.join(roles)}")
    return 0


# --- checks ----------------------------------------------------------------------------------------


def package_objects(run):
    """The package's objects in the pipeline account's bucket, for this commit: {key: bytes}."""
    import checks  # noqa: PLC0415

    bucket = run.config["infrastructure"]["packageBucket"]
    s3 = run.aws("s3", checks.pipeline_account(run))
    owned = [entry["Name"] for entry in s3.list_buckets()["Buckets"]]
    if bucket not in owned:
        return None, owned
    listing = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {entry["Key"]: s3.get_object(Bucket=bucket, Key=entry["Key"])["Body"].read() for entry in listing}, owned


def check_package(report, run):
    """`sam package` put the function's code in the pipeline account's bucket under PREFIX/SHA/, and the zip holds
    the committed handler."""
    import io  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    import checks  # noqa: PLC0415

    bucket = run.config["infrastructure"]["packageBucket"]
    objects, owned = package_objects(run)
    if not report.check(objects is not None, f"bucket {bucket}",
                        f"in the pipeline account {checks.pipeline_account(run)}" if objects is not None
                        else f"not among the pipeline account's buckets {owned}"):
        return {}
    prefix = f"*/{run.context['sha']}/"
    mine = {key: data for key, data in objects.items() if re.fullmatch(rf"[^/]+/{run.context['sha']}/[^/]+", key)}
    handler_path = os.path.join(os.path.dirname(run.context["template"]), "src", "app.py")
    with open(handler_path, "rb") as handle:
        handler = handle.read()
    holding = []
    for key, data in mine.items():
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "app.py" in archive.namelist() and archive.read("app.py") == handler:
                    holding.append(key)
        except zipfile.BadZipFile:
            continue
    report.check(len(holding) == 1, "package uploaded",
                 f"s3://{bucket}/{holding[0]} holds the committed src/app.py" if len(holding) == 1 else
                 f"{len(holding)} zip(s) with the committed src/app.py among {sorted(mine) or 'no objects'} under {prefix}")
    return {key: mine[key] for key in holding}


def check_sam_stack(report, run, environment, job, packages, planned_by=None, status="CREATE_COMPLETE"):
    """The stack `job` deployed from the packaged template: status, tags, parameters, the template (the transform
    and the package's S3 location), execution role, the function moto created from it, and this run's change set,
    created by `planned_by` (else `job`) and executed by `job`."""
    import base64  # noqa: PLC0415

    import yaml  # noqa: PLC0415

    import checks  # noqa: PLC0415

    account = environment["account"]
    stack_name = checks.stack_name_of(run, environment)
    stack = checks.described_stack(report, run, account, stack_name, status)
    if stack is None:
        return None
    cloudformation = run.aws("cloudformation", account)
    tags = {tag["Key"]: tag["Value"] for tag in stack.get("Tags", [])}
    expected = {"Environment": environment["name"], "Project": run.config["project"], "ManagedBy": "Pipewright",
                "Repository": run.context["repository"], "CommitSHA": run.context["sha"], **run.config.get("tags", {})}
    wrong = {key: (tags.get(key), value) for key, value in expected.items() if tags.get(key) != value}
    report.check(not wrong, f"tags of {stack_name}",
                 ", ".join(f"{key}={value}" for key, value in expected.items()) if not wrong
                 else "; ".join(f"{key}: got {got!r}, expected {want!r}" for key, (got, want) in wrong.items()))
    parameters = {p["ParameterKey"]: p["ParameterValue"] for p in stack.get("Parameters", [])}
    report.check(parameters == environment.get("parameters", {}), f"parameters of {stack_name}",
                 f"{parameters} (pipewright.json: {environment.get('parameters', {})})")
    body = cloudformation.get_template(StackName=stack_name)["TemplateBody"]
    body = body if isinstance(body, dict) else yaml.safe_load(body)
    committed = yaml.safe_load(checks.read_template(run))
    code_uri = body.get("Resources", {}).get("Hello", {}).get("Properties", {}).get("CodeUri")
    bucket = run.config["infrastructure"]["packageBucket"]
    # What `sam package` changes in the committed template: CodeUri becomes the package's S3 URI, and the
    # resource's Metadata records its logical id (SamResourceId).
    hello = committed["Resources"]["Hello"]
    packaged = {**committed, "Resources": {**committed["Resources"], "Hello": {
        **hello, "Metadata": {**hello.get("Metadata", {}), "SamResourceId": "Hello"},
        "Properties": {**hello["Properties"], "CodeUri": code_uri}}}}
    uri_ok = isinstance(code_uri, str) and code_uri.removeprefix(f"s3://{bucket}/") in packages
    report.check(body == packaged and uri_ok, f"template of {stack_name}",
                 f"the committed SAM template (Transform {body.get('Transform')}) with CodeUri {code_uri}, the "
                 f"package's object" if body == packaged and uri_ok else
                 f"differs from the committed template with the package's CodeUri (CodeUri {code_uri!r}, "
                 f"packages {sorted(packages)})", [] if body == packaged else
                 [f"stack's:    {json.dumps(body, sort_keys=True)}", f"expected:   {json.dumps(packaged, sort_keys=True)}"])
    role_arn = stack.get("RoleARN")
    execution_roles = {resource["PhysicalResourceId"] for resource in checks.bootstrap_resources(run, account)
                       if resource["ResourceType"] == "AWS::IAM::Role"}
    report.check(bool(role_arn) and role_arn.rsplit("/", 1)[-1] in execution_roles, f"execution role of {stack_name}",
                 f"{role_arn} (a role of the bootstrap stack in {account})")
    resources = {resource["LogicalResourceId"]: resource for resource in
                 cloudformation.list_stack_resources(StackName=stack_name)["StackResourceSummaries"]}
    kinds = sorted((name, resource["ResourceType"]) for name, resource in resources.items())
    function = resources.get("Hello")
    report.check(function is not None and function["ResourceType"] == "AWS::Lambda::Function"
                 and resources.get("HelloRole", {}).get("ResourceType") == "AWS::IAM::Role",
                 f"resources of {stack_name}", f"{kinds} (the transform's function and its role)")
    if function:
        lambda_client = run.aws("lambda", account)
        try:
            configuration = lambda_client.get_function(FunctionName=function["PhysicalResourceId"])["Configuration"]
        except lambda_client.exceptions.ClientError as error:
            configuration = {"error": str(error)}
        properties = committed["Resources"]["Hello"]["Properties"]
        wanted = {"Runtime": properties["Runtime"], "Handler": properties["Handler"],
                  "Variables": {"ENVIRONMENT_NAME": environment["parameters"]["EnvironmentName"]}}
        got = {"Runtime": configuration.get("Runtime"), "Handler": configuration.get("Handler"),
               "Variables": configuration.get("Environment", {}).get("Variables")}
        digests = {base64.b64encode(hashlib.sha256(data).digest()).decode(): key for key, data in packages.items()}
        code = digests.get(configuration.get("CodeSha256"))
        role = configuration.get("Role", "")
        report.check(got == wanted and code is not None and role.split(":")[4:5] == [account],
                     f"function of {stack_name}",
                     f"{function['PhysicalResourceId']} in {account}: {got}, code = s3://{bucket}/{code}, role {role}"
                     if got == wanted and code else f"{configuration.get('FunctionName', configuration)}: {got} "
                     f"(expected {wanted}); CodeSha256 {configuration.get('CodeSha256')} is "
                     f"{'s3://' + bucket + '/' + code if code else 'no package object'}")
    change_sets = cloudformation.list_change_sets(StackName=stack_name)["Summaries"]
    name = f"pw-{run.context['run_id']}-1"
    executed = [cs for cs in change_sets if cs.get("ExecutionStatus") == "EXECUTE_COMPLETE" and cs["ChangeSetName"] == name]
    planner = planned_by or job
    created = ("CreateChangeSet", 200) in {(c["action"], c["status"]) for c in run.calls_by(planner)}
    ran = ("ExecuteChangeSet", 200) in {(c["action"], c["status"]) for c in run.calls_by(job)}
    report.check(len(executed) == 1 and created and ran, f"change set of {stack_name}",
                 f"{name} {'executed' if executed else 'NOT executed'} (created by {planner}'s role: {created}, "
                 f"executed by {job}'s role: {ran})")
    return stack


def push_develop(report, run):
    """A push to the first environment's branch of the SAM pipeline: build (sam build, sam package to the
    pipeline account's bucket) -> validate -> deploy-FIRST, whose stack holds the function from the package."""
    import checks  # noqa: PLC0415

    first, deploy = checks.first_environment(run)
    jobs = ["build", "validate", deploy]
    shared_account = checks.pipeline_account(run)
    checks.check_jobs(report, run, jobs)
    checks.check_no_token_refusals(report, run)
    checks.check_roles(report, run, jobs, {"build": shared_account, "validate": shared_account, deploy: first["account"]})
    checks.check_environment_gate(report, run, jobs)
    artifacts = checks.stored_artifacts(os.path.join(run.context["artifacts"], run.context["run_id"]))
    checks.check_build_and_validate(report, run, artifacts, checks.read_template(run))
    for job in ("validate", deploy):
        checks.check_decrypting_job(report, run, job)
    checks.check_cross_account_decrypt(report, run, deploy, first["account"])
    packages = check_package(report, run)
    stack = check_sam_stack(report, run, first, deploy, packages)
    checks.check_stack_outputs_artifact(report, run, artifacts, first, stack)
    if stack:
        checks.check_notification(report, run, deploy, stack["StackName"])
    checks.check_only_stacks(report, run, {first["account"]: [stack["StackName"]]} if stack else {})
    return stack


def push_main_before_approval(report, run):
    """Stopped at deploy-prod's approval: besides the CloudFormation chain's checks (plan-prod created prod's
    change set, changed nothing, and its role cannot execute it), prod holds no function yet."""
    import checks  # noqa: PLC0415

    checks.push_main_before_approval(report, run)
    prod = checks.environment(run, "prod")
    functions = [f["FunctionName"] for f in run.aws("lambda", prod["account"]).list_functions()["Functions"]]
    report.check(not functions, "no prod function before approval",
                 f"account {prod['account']} has {functions or 'no function'}")


def push_main(report, run):
    """A push to the production branch of the SAM pipeline: build -> validate -> deploy-staging -> plan-prod
    (change set only) -> deploy-prod once the harness approved it; both stacks hold the function built from the
    package in the pipeline account's bucket."""
    import checks  # noqa: PLC0415

    staging, prod = checks.environment(run, "staging"), checks.environment(run, "prod")
    jobs = ["build", "validate", "deploy-staging", "plan-prod", "deploy-prod"]
    shared_account = checks.pipeline_account(run)
    checks.check_jobs(report, run, jobs)
    checks.check_no_token_refusals(report, run)
    checks.check_roles(report, run, jobs, {"build": shared_account, "validate": shared_account,
                                           "deploy-staging": staging["account"], "plan-prod": prod["account"],
                                           "deploy-prod": prod["account"]})
    checks.check_environment_gate(report, run, jobs)
    artifacts = checks.stored_artifacts(os.path.join(run.context["artifacts"], run.context["run_id"]))
    checks.check_build_and_validate(report, run, artifacts, checks.read_template(run))
    for job in ("validate", "deploy-staging", "plan-prod"):
        checks.check_decrypting_job(report, run, job)
    checks.check_cross_account_decrypt(report, run, "deploy-staging", staging["account"])
    checks.check_cross_account_decrypt(report, run, "plan-prod", prod["account"])
    checks.check_execute_role_cannot_decrypt(report, run, "deploy-prod", artifacts)
    packages = check_package(report, run)
    deployed = {}
    for env, job, planner in ((staging, "deploy-staging", None), (prod, "deploy-prod", "plan-prod")):
        stack = check_sam_stack(report, run, env, job, packages, planned_by=planner)
        checks.check_stack_outputs_artifact(report, run, artifacts, env, stack)
        if stack:
            checks.check_notification(report, run, job, stack["StackName"])
            deployed[env["account"]] = [stack["StackName"]]
    checks.check_only_stacks(report, run, deployed)



def main(arguments):
    if len(arguments) == 3 and arguments[0] == "scratch":
        return scratch(arguments[1], arguments[2])
    if len(arguments) == 3 and arguments[0] == "wheelhouse":
        return wheelhouse(arguments[1], arguments[2])
    if len(arguments) == 3 and arguments[0] == "setup":
        return setup(arguments[1], arguments[2])
    sys.exit("usage: sam_chain.py scratch REPO TEMPLATE_PATH | wheelhouse WORKFLOW.yml DIR | setup INIT.txt CONFIG.json")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
