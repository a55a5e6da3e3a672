/// The JSON Schema meta-schemas of draft-07 and draft 2020-12 (with its vocabulary schemas),
/// built in so that `$ref`s to them resolve without a network and schemas can be checked
/// against their dialect. Texts from json-schema.org, as packaged by `jsonschema-specifications`.
enum MetaSchemas {
    /// The meta-schema registered under `uri`, or `nil`.
    ///
    /// - Parameter uri: A document URI without fragment.
    /// - Returns: The parsed meta-schema.
    static func document(for uri: String) -> JSONValue? { parsed[uri] }

    /// Every meta-schema, parsed once on first use.
    private static let parsed: [String: JSONValue] = {
        var documents: [String: JSONValue] = [:]
        for text in texts {
            // The texts are fixed and valid JSON; MetaSchemasTests checks that all of them load.
            guard let document = try? JSONValue(parsing: text), case .string(let id)? = document["$id"] else { continue }
            documents[SchemaURI.split(id).base] = document
        }
        return documents
    }()

    /// The number of built-in meta-schema documents.
    static var count: Int { parsed.count }

    // Compact JSON, wrapped with `\##` line continuations.
    private static let texts: [String] = [
        ##"""
{"$schema":"http://json-schema.org/draft-07/schema#","$id":"http://json-schema.org/draft-07/schema#"\##
,"title":"Core schema meta-schema","definitions":{"schemaArray":{"type":"array","minItems":1,"items"\##
:{"$ref":"#"}},"nonNegativeInteger":{"type":"integer","minimum":0},"nonNegativeIntegerDefault0":{"al\##
lOf":[{"$ref":"#/definitions/nonNegativeInteger"},{"default":0}]},"simpleTypes":{"enum":["array","bo\##
olean","integer","null","number","object","string"]},"stringArray":{"type":"array","items":{"type":"\##
string"},"uniqueItems":true,"default":[]}},"type":["object","boolean"],"properties":{"$id":{"type":"\##
string","format":"uri-reference"},"$schema":{"type":"string","format":"uri"},"$ref":{"type":"string"\##
,"format":"uri-reference"},"$comment":{"type":"string"},"title":{"type":"string"},"description":{"ty\##
pe":"string"},"default":true,"readOnly":{"type":"boolean","default":false},"examples":{"type":"array\##
","items":true},"multipleOf":{"type":"number","exclusiveMinimum":0},"maximum":{"type":"number"},"exc\##
lusiveMaximum":{"type":"number"},"minimum":{"type":"number"},"exclusiveMinimum":{"type":"number"},"m\##
axLength":{"$ref":"#/definitions/nonNegativeInteger"},"minLength":{"$ref":"#/definitions/nonNegative\##
IntegerDefault0"},"pattern":{"type":"string","format":"regex"},"additionalItems":{"$ref":"#"},"items\##
":{"anyOf":[{"$ref":"#"},{"$ref":"#/definitions/schemaArray"}],"default":true},"maxItems":{"$ref":"#\##
/definitions/nonNegativeInteger"},"minItems":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"un\##
iqueItems":{"type":"boolean","default":false},"contains":{"$ref":"#"},"maxProperties":{"$ref":"#/def\##
initions/nonNegativeInteger"},"minProperties":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"r\##
equired":{"$ref":"#/definitions/stringArray"},"additionalProperties":{"$ref":"#"},"definitions":{"ty\##
pe":"object","additionalProperties":{"$ref":"#"},"default":{}},"properties":{"type":"object","additi\##
onalProperties":{"$ref":"#"},"default":{}},"patternProperties":{"type":"object","additionalPropertie\##
s":{"$ref":"#"},"propertyNames":{"format":"regex"},"default":{}},"dependencies":{"type":"object","ad\##
ditionalProperties":{"anyOf":[{"$ref":"#"},{"$ref":"#/definitions/stringArray"}]}},"propertyNames":{\##
"$ref":"#"},"const":true,"enum":{"type":"array","items":true},"type":{"anyOf":[{"$ref":"#/definition\##
s/simpleTypes"},{"type":"array","items":{"$ref":"#/definitions/simpleTypes"},"minItems":1,"uniqueIte\##
ms":true}]},"format":{"type":"string"},"contentMediaType":{"type":"string"},"contentEncoding":{"type\##
":"string"},"if":{"$ref":"#"},"then":{"$ref":"#"},"else":{"$ref":"#"},"allOf":{"$ref":"#/definitions\##
/schemaArray"},"anyOf":{"$ref":"#/definitions/schemaArray"},"oneOf":{"$ref":"#/definitions/schemaArr\##
ay"},"not":{"$ref":"#"}},"default":true}
"""##,
        ##"""
{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-\##
12/schema","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/core":true,"https://json-sche\##
ma.org/draft/2020-12/vocab/applicator":true,"https://json-schema.org/draft/2020-12/vocab/unevaluated\##
":true,"https://json-schema.org/draft/2020-12/vocab/validation":true,"https://json-schema.org/draft/\##
2020-12/vocab/meta-data":true,"https://json-schema.org/draft/2020-12/vocab/format-annotation":true,"\##
https://json-schema.org/draft/2020-12/vocab/content":true},"$dynamicAnchor":"meta","title":"Core and\##
 Validation specifications meta-schema","allOf":[{"$ref":"meta/core"},{"$ref":"meta/applicator"},{"$\##
ref":"meta/unevaluated"},{"$ref":"meta/validation"},{"$ref":"meta/meta-data"},{"$ref":"meta/format-a\##
nnotation"},{"$ref":"meta/content"}],"type":["object","boolean"],"$comment":"This meta-schema also d\##
efines keywords that have appeared in previous drafts in order to prevent incompatible extensions as\##
 they remain in common use.","properties":{"definitions":{"$comment":"\"definitions\" has been repla\##
ced by \"$defs\".","type":"object","additionalProperties":{"$dynamicRef":"#meta"},"deprecated":true,\##
"default":{}},"dependencies":{"$comment":"\"dependencies\" has been split and replaced by \"dependen\##
tSchemas\" and \"dependentRequired\" in order to serve their differing semantics.","type":"object","\##
additionalProperties":{"anyOf":[{"$dynamicRef":"#meta"},{"$ref":"meta/validation#/$defs/stringArray"\##
}]},"deprecated":true,"default":{}},"$recursiveAnchor":{"$comment":"\"$recursiveAnchor\" has been re\##
placed by \"$dynamicAnchor\".","$ref":"meta/core#/$defs/anchorString","deprecated":true},"$recursive\##
Ref":{"$comment":"\"$recursiveRef\" has been replaced by \"$dynamicRef\".","$ref":"meta/core#/$defs/\##
uriReferenceString","deprecated":true}}}
"""##,
        ##"""
{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-\##
12/meta/core","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/core":true},"$dynamicAncho\##
r":"meta","title":"Core vocabulary meta-schema","type":["object","boolean"],"properties":{"$id":{"$r\##
ef":"#/$defs/uriReferenceString","$comment":"Non-empty fragments not allowed.","pattern":"^[^#]*#?$"\##
},"$schema":{"$ref":"#/$defs/uriString"},"$ref":{"$ref":"#/$defs/uriReferenceString"},"$anchor":{"$r\##
ef":"#/$defs/anchorString"},"$dynamicRef":{"$ref":"#/$defs/uriReferenceString"},"$dynamicAnchor":{"$\##
ref":"#/$defs/anchorString"},"$vocabulary":{"type":"object","propertyNames":{"$ref":"#/$defs/uriStri\##
ng"},"additionalProperties":{"type":"boolean"}},"$comment":{"type":"string"},"$defs":{"type":"object\##
","additionalProperties":{"$dynamicRef":"#meta"}}},"$defs":{"anchorString":{"type":"string","pattern\##
":"^[A-Za-z_][-A-Za-z0-9._]*$"},"uriString":{"type":"string","format":"uri"},"uriReferenceString":{"\##
type":"string","format":"uri-reference"}}}
"""##,
        ##"""
{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-\##
12/meta/applicator","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/applicator":true},"$\##
dynamicAnchor":"meta","title":"Applicator vocabulary meta-schema","type":["object","boolean"],"prope\##
rties":{"prefixItems":{"$ref":"#/$defs/schemaArray"},"items":{"$dynamicRef":"#meta"},"contains":{"$d\##
ynamicRef":"#meta"},"additionalProperties":{"$dynamicRef":"#meta"},"properties":{"type":"object","ad\##
ditionalProperties":{"$dynamicRef":"#meta"},"default":{}},"patternProperties":{"type":"object","addi\##
tionalProperties":{"$dynamicRef":"#meta"},"propertyNames":{"format":"regex"},"default":{}},"dependen\##
tSchemas":{"type":"object","additionalProperties":{"$dynamicRef":"#meta"},"default":{}},"propertyNam\##
es":{"$dynamicRef":"#meta"},"if":{"$dynamicRef":"#meta"},"then":{"$dynamicRef":"#meta"},"else":{"$dy\##
namicRef":"#meta"},"allOf":{"$ref":"#/$defs/schemaArray"},"anyOf":{"$ref":"#/$defs/schemaArray"},"on\##
eOf":{"$ref":"#/$defs/schemaArray"},"not":{"$dynamicRef":"#meta"}},"$defs":{"schemaArray":{"type":"a\##
rray","minItems":1,"items":{"$dynamicRef":"#meta"}}}}
"""##,
        ##"""
{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-\##
12/meta/unevaluated","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/unevaluated":true},\##
"$dynamicAnchor":"meta","title":"Unevaluated applicator vocabulary meta-schema","type":["object","bo\##
olean"],"properties":{"unevaluatedItems":{"$dynamicRef":"#meta"},"unevaluatedProperties":{"$dynamicR\##
ef":"#meta"}}}
"""##,
        ##"""
{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-\##
12/meta/validation","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/validation":true},"$\##
dynamicAnchor":"meta","title":"Validation vocabulary meta-schema","type":["object","boolean"],"prope\##
rties":{"type":{"anyOf":[{"$ref":"#/$defs/simpleTypes"},{"type":"array","items":{"$ref":"#/$defs/sim\##
pleTypes"},"minItems":1,"uniqueItems":true}]},"const":true,"enum":{"type":"array","items":true},"mul\##
tipleOf":{"type":"number","exclusiveMinimum":0},"maximum":{"type":"number"},"exclusiveMaximum":{"typ\##
e":"number"},"minimum":{"type":"number"},"exclusiveMinimum":{"type":"number"},"maxLength":{"$ref":"#\##
/$defs/nonNegativeInteger"},"minLength":{"$ref":"#/$defs/nonNegativeIntegerDefault0"},"pattern":{"ty\##
pe":"string","format":"regex"},"maxItems":{"$ref":"#/$defs/nonNegativeInteger"},"minItems":{"$ref":"\##
#/$defs/nonNegativeIntegerDefault0"},"uniqueItems":{"type":"boolean","default":false},"maxContains":\##
{"$ref":"#/$defs/nonNegativeInteger"},"minContains":{"$ref":"#/$defs/nonNegativeInteger","default":1\##
},"maxProperties":{"$ref":"#/$defs/nonNegativeInteger"},"minProperties":{"$ref":"#/$defs/nonNegative\##
IntegerDefault0"},"required":{"$ref":"#/$defs/stringArray"},"dependentRequired":{"type":"object","ad\##
ditionalProperties":{"$ref":"#/$defs/stringArray"}}},"$defs":{"nonNegativeInteger":{"type":"integer"\##
,"minimum":0},"nonNegativeIntegerDefault0":{"$ref":"#/$defs/nonNegativeInteger","default":0},"simple\##
Types":{"enum":["array","boolean","integer","null","number","object","string"]},"stringArray":{"type\##
":"array","items":{"type":"string"},"uniqueItems":true,"default":[]}}}
"""##,
        ##"""
{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-\##
12/meta/meta-data","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/meta-data":true},"$dy\##
namicAnchor":"meta","title":"Meta-data vocabulary meta-schema","type":["object","boolean"],"properti\##
es":{"title":{"type":"string"},"description":{"type":"string"},"default":true,"deprecated":{"type":"\##
boolean","default":false},"readOnly":{"type":"boolean","default":false},"writeOnly":{"type":"boolean\##
","default":false},"examples":{"type":"array","items":true}}}
"""##,
        ##"""
{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-\##
12/meta/format-annotation","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/format-annota\##
tion":true},"$dynamicAnchor":"meta","title":"Format vocabulary meta-schema for annotation results","\##
type":["object","boolean"],"properties":{"format":{"type":"string"}}}
"""##,
        ##"""
{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-\##
12/meta/format-assertion","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/format-asserti\##
on":true},"$dynamicAnchor":"meta","title":"Format vocabulary meta-schema for assertion results","typ\##
e":["object","boolean"],"properties":{"format":{"type":"string"}}}
"""##,
        ##"""
{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-\##
12/meta/content","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/content":true},"$dynami\##
cAnchor":"meta","title":"Content vocabulary meta-schema","type":["object","boolean"],"properties":{"\##
contentEncoding":{"type":"string"},"contentMediaType":{"type":"string"},"contentSchema":{"$dynamicRe\##
f":"#meta"}}}
"""##,
    ]
}
