import Pipewright

/// A ready-made pipeline that `pipewright init` can scaffold.
public enum BlueprintCatalog {}
