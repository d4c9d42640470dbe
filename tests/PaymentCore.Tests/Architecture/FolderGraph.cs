namespace PaymentCore.Tests.Architecture;

/// <summary>
/// The host's folders (PaymentCore.X, subfolders included; or each subfolder on its own) and which
/// uses which, from the type references the compiler emitted; cycles are found as strongly
/// connected components (Tarjan).
/// </summary>
public sealed class FolderGraph
{
    private const string Root = "PaymentCore.";

    private readonly Dictionary<string, SortedSet<string>> _uses = new(StringComparer.Ordinal);
    private readonly bool _subfolders;

    /// <param name="subfolders">Whether "Stores.Redis" is a folder of its own instead of part of "Stores".</param>
    public FolderGraph(IEnumerable<TypeUse> uses, string assembly, bool subfolders = false)
    {
        _subfolders = subfolders;
        foreach (var use in uses.Where(u => u.ToAssembly == assembly))
        {
            if (FolderOf(use.FromNamespace) is { } from && FolderOf(use.ToNamespace) is { } to && from != to)
            {
                Uses(from).Add(to);
            }
        }
    }

    /// <summary>Every "A uses B" between two folders of one strongly connected component: the edges that make cycles.</summary>
    public IReadOnlyList<string> CycleEdges() =>
        Components()
            .Where(c => c.Count > 1)
            .SelectMany(c => c.SelectMany(from => Uses(from).Where(c.Contains).Select(to => $"{from} -> {to}")))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>A shortest way back from <paramref name="to"/> to <paramref name="from"/>, closing the cycle that edge is part of.</summary>
    public string CycleThrough(string from, string to)
    {
        var previous = new Dictionary<string, string> { [to] = to };
        var queue = new Queue<string>([to]);
        while (queue.TryDequeue(out var folder) && folder != from)
        {
            foreach (var next in Uses(folder).Where(n => !previous.ContainsKey(n)))
            {
                previous[next] = folder;
                queue.Enqueue(next);
            }
        }

        var path = new List<string> { from };
        for (var folder = from; folder != to; folder = previous[folder])
        {
            path.Add(previous[folder]);
        }

        path.Reverse();
        return string.Join(" -> ", path.Prepend(from));
    }

    /// <summary>"PaymentCore.Stores.Redis" is in folder Stores (or Stores.Redis, with subfolders); PaymentCore itself (Program) and other assemblies' namespaces are in none.</summary>
    private string? FolderOf(string ns) =>
        !ns.StartsWith(Root, StringComparison.Ordinal) ? null
        : _subfolders ? ns[Root.Length..]
        : ns[Root.Length..].Split('.')[0];

    private SortedSet<string> Uses(string folder) =>
        _uses.TryGetValue(folder, out var set) ? set : _uses[folder] = new SortedSet<string>(StringComparer.Ordinal);

    private List<HashSet<string>> Components()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<HashSet<string>>();

        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            onStack.Add(folder);
            foreach (var next in Uses(folder).ToList())
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[folder] = Math.Min(low[folder], index[next]);
                }
            }

            if (low[folder] == index[folder])
            {
                var component = new HashSet<string>(StringComparer.Ordinal);
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != folder);
                components.Add(component);
            }
        }

        foreach (var folder in _uses.Keys.ToList().Where(f => !index.ContainsKey(f)))
        {
            Visit(folder);
        }

        return components;
    }
}
