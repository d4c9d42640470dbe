using Mono.Cecil;

namespace PaymentCore.Tests.Architecture;

/// <summary>One type of an assembly using another type: in a signature, an attribute or a method body.</summary>
/// <param name="FromNamespace">The namespace of the using type (a nested or compiler-generated type counts as its outermost declaring type).</param>
/// <param name="FromType">The using type's full name, for messages.</param>
/// <param name="ToAssembly">The assembly the used type comes from.</param>
/// <param name="ToNamespace">The used type's namespace (its outermost declaring type's for a nested type).</param>
/// <param name="ToType">The used type's full name.</param>
public sealed record TypeUse(string FromNamespace, string FromType, string ToAssembly, string ToNamespace, string ToType);

/// <summary>
/// Reads every type reference of a compiled assembly with Mono.Cecil: base types, interfaces,
/// fields, properties, events, method signatures, attributes, local variables and every type,
/// method and field an instruction names. What the compiler emitted, not what the usings say.
/// </summary>
public static class TypeReferences
{
    public static IReadOnlyList<TypeUse> Of(System.Reflection.Assembly assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        var references = new List<TypeUse>();
        foreach (var type in module.GetTypes())
        {
            var from = Outermost(type);
            if (from.Namespace.Length == 0)
            {
                continue; // <Module>, <PrivateImplementationDetails>: the compiler's, no folder's
            }

            var used = new HashSet<TypeReference>(TypeReferenceComparer.Instance);
            Collect(type, used);
            foreach (var target in used.SelectMany(Flatten))
            {
                var to = Outermost(target);
                references.Add(new TypeUse(from.Namespace, type.FullName, AssemblyOf(target), to.Namespace, target.FullName));
            }
        }

        return references;
    }

    private static void Collect(TypeDefinition type, HashSet<TypeReference> used)
    {
        Add(used, type.BaseType);
        AddAttributes(used, type.CustomAttributes);
        foreach (var implemented in type.Interfaces)
        {
            Add(used, implemented.InterfaceType);
        }

        foreach (var constraint in type.GenericParameters.SelectMany(p => p.Constraints))
        {
            Add(used, constraint.ConstraintType);
        }

        foreach (var field in type.Fields)
        {
            Add(used, field.FieldType);
            AddAttributes(used, field.CustomAttributes);
        }

        foreach (var property in type.Properties)
        {
            Add(used, property.PropertyType);
            AddAttributes(used, property.CustomAttributes);
        }

        foreach (var @event in type.Events)
        {
            Add(used, @event.EventType);
        }

        foreach (var method in type.Methods)
        {
            CollectMethod(method, used);
        }
    }

    private static void CollectMethod(MethodDefinition method, HashSet<TypeReference> used)
    {
        Add(used, method.ReturnType);
        AddAttributes(used, method.CustomAttributes);
        foreach (var parameter in method.Parameters)
        {
            Add(used, parameter.ParameterType);
            AddAttributes(used, parameter.CustomAttributes);
        }

        if (!method.HasBody)
        {
            return;
        }

        foreach (var variable in method.Body.Variables)
        {
            Add(used, variable.VariableType);
        }

        foreach (var handler in method.Body.ExceptionHandlers)
        {
            Add(used, handler.CatchType);
        }

        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference operand:
                    Add(used, operand);
                    break;
                case MethodReference called:
                    Add(used, called.DeclaringType);
                    Add(used, called.ReturnType);
                    foreach (var parameter in called.Parameters)
                    {
                        Add(used, parameter.ParameterType);
                    }

                    if (called is GenericInstanceMethod generic)
                    {
                        foreach (var argument in generic.GenericArguments)
                        {
                            Add(used, argument);
                        }
                    }

                    break;
                case FieldReference field:
                    Add(used, field.DeclaringType);
                    Add(used, field.FieldType);
                    break;
            }
        }
    }

    private static void AddAttributes(HashSet<TypeReference> used, IEnumerable<CustomAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            Add(used, attribute.AttributeType);
        }
    }

    private static void Add(HashSet<TypeReference> used, TypeReference? type)
    {
        if (type is not null)
        {
            used.Add(type);
        }
    }

    /// <summary>A constructed type names every type it is built from: List&lt;Recharge&gt;[] uses List and Recharge.</summary>
    private static IEnumerable<TypeReference> Flatten(TypeReference type)
    {
        switch (type)
        {
            case GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (var part in Flatten(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Flatten)))
                {
                    yield return part;
                }

                yield break;
            case TypeSpecification specification:
                foreach (var part in Flatten(specification.ElementType))
                {
                    yield return part;
                }

                yield break;
            default:
                yield return type;
                yield break;
        }
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static string AssemblyOf(TypeReference type) => type.Scope switch
    {
        ModuleDefinition module => module.Assembly.Name.Name,
        AssemblyNameReference assembly => assembly.Name,
        var other => other.Name,
    };

    /// <summary>Cecil makes a new reference object per use; one per full name and assembly is enough.</summary>
    private sealed class TypeReferenceComparer : IEqualityComparer<TypeReference>
    {
        public static readonly TypeReferenceComparer Instance = new();

        public bool Equals(TypeReference? x, TypeReference? y) =>
            x is not null && y is not null && x.FullName == y.FullName && AssemblyOf(x) == AssemblyOf(y);

        public int GetHashCode(TypeReference obj) => obj.FullName.GetHashCode(StringComparison.Ordinal);
    }
}
