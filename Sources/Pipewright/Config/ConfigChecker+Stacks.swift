/// The rules of `stacks`: names, `dependsOn`, outputs read from other stacks, and what a pipeline with stacks
/// may not say elsewhere.
extension ConfigChecker {
    /// The stacks, checked one by one in document order, then the cycles among them.
    mutating func checkStacks(_ stacks: [Stack], with object: ConfigObject<Stack>, at path: LazyPath) {
        let base = path()
        for index in stacks.indices {
            stackIndex = index
            object.check(&self, stacks[index], at: { base.index(index) })
        }
        checkCycles(stacks, at: base)
    }

    /// A stack's name is unique, and stacks are a CloudFormation pipeline's.
    mutating func checkStackName(_ name: String, at path: LazyPath) {
        guard let pipeline else { return }
        if let earlier = pipeline.stacks[..<stackIndex].firstIndex(where: { $0.name == name }) {
            fail(path, "\(JSONWriter.quoted(name)) is already the name of stacks[\(earlier)]; expected a unique name — stack names become stack-name parts and step ids")
        }
        if stackIndex == 0, pipeline.infrastructure.kind != "cloudformation" {
            fail({ JSONPath.root.key("stacks") }, "lists stacks, but infrastructure.kind is \(JSONWriter.quoted(pipeline.infrastructure.kind)); expected infrastructure.kind \"cloudformation\", the only kind that deploys several stacks for now (a CDK app's stacks come from the app) — or remove stacks")
        }
    }

    /// Each `dependsOn` entry names another stack, once.
    mutating func checkDependsOn(of stack: Stack, at path: LazyPath) {
        guard let pipeline else { return }
        let names = pipeline.stacks.map(\.name)
        for (index, dependency) in stack.dependsOn.enumerated() {
            if dependency == stack.name {
                fail({ path().index(index) }, "\(JSONWriter.quoted(dependency)) is this stack itself; expected another stack")
            } else if !names.contains(dependency) {
                let others = names.filter { $0 != stack.name }
                fail({ path().index(index) }, "\(JSONWriter.quoted(dependency)) is not a stack" + (Suggestion.closest(to: dependency, in: others).map { " — did you mean \(JSONWriter.quoted($0))?" } ?? "; expected one of " + others.joined(separator: ", ")))
            } else if stack.dependsOn[..<index].contains(dependency) {
                fail({ path().index(index) }, "\(JSONWriter.quoted(dependency)) is listed twice; expected each stack once")
            }
        }
    }

    /// An output parameter reads a stack that the current stack depends on: its outputs exist only after it deploys.
    mutating func checkOutputSource(stack: String, output: String, at path: @autoclosure () -> String) {
        guard let pipeline, pipeline.stacks.indices.contains(stackIndex) else { return }
        let current = pipeline.stacks[stackIndex]
        check(output, .parameterKey, at: path())
        let names = pipeline.stacks.map(\.name)
        if !names.contains(stack) {
            fail(path(), "\(JSONWriter.quoted(stack + "." + output)) names \(JSONWriter.quoted(stack)), which is not a stack" + Suggestion.hint(for: stack, in: names.filter { $0 != current.name }))
        } else if stack == current.name {
            fail(path(), "\(JSONWriter.quoted(stack + "." + output)) is an output of this stack itself; expected an output of a stack it depends on")
        } else if !current.dependsOn.contains(stack) {
            fail(path(), "\(JSONWriter.quoted(stack + "." + output)) is an output of \(JSONWriter.quoted(stack)), which \(JSONWriter.quoted(current.name)) does not depend on; add \(JSONWriter.quoted(stack)) to its dependsOn, so it deploys first")
        }
    }

    /// No stack depends on itself through others: every environment deploys them in one order.
    private mutating func checkCycles(_ stacks: [Stack], at base: JSONPath) {
        let cyclic = Pipeline.deployOrder(of: stacks).cyclic
        guard let first = cyclic.first, let index = stacks.firstIndex(of: first) else { return }
        fail(base.index(index).key("dependsOn").rendered, "makes a cycle among \(cyclic.map(\.name).joined(separator: ", ")); expected stacks that can deploy one after another — remove one of their dependsOn entries")
    }

    /// Infrastructure fields a pipeline with stacks leaves to its stacks, and the template one without needs.
    mutating func checkStackTemplate(_ infrastructure: Infrastructure, at path: LazyPath) {
        guard let pipeline, case .cloudFormation(let template) = infrastructure else { return }
        if pipeline.stacks.isEmpty, template.path.isEmpty {
            fail({ path().key("template") }, "is missing; expected the template's path, or stacks listing each stack's template")
        } else if !pipeline.stacks.isEmpty, !template.path.isEmpty {
            fail({ path().key("template") }, "\(JSONWriter.quoted(template.path)) is set, but stacks name their own templates; remove infrastructure.template")
        } else if !pipeline.stacks.isEmpty, template.capabilities != CloudFormationTemplate(path: "").capabilities {
            fail({ path().key("capabilities") }, "is set, but stacks list their own capabilities (stacks[n].capabilities); remove infrastructure.capabilities")
        }
        if !template.path.isEmpty { checkPath(template.path, at: { path().key("template") }) }
    }
}

extension ConfigChecker {
    /// Verification reads the stacks the pipeline names; a CDK app's stacks are named by the app.
    mutating func checkVerify(_ commands: [String], at path: LazyPath) {
        guard let pipeline, !commands.isEmpty, pipeline.infrastructure.isCDK else { return }
        fail(path, "lists commands, but infrastructure.kind is \"cdk\", whose stacks the app names; expected verify only with infrastructure.kind cloudformation, sam or container-service — or remove verify")
    }
}
