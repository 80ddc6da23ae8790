/// The version every civ tool reports with `--version`.
public enum CivVersion {
    public static let string = "0.1.0"
}
