//! What every operation of the OpenAPI document declares whatever its handler
//! says: its path parameters, and the refusals any route may answer. They are
//! added here, once, after the parts are merged, so that a new route cannot
//! leave its `{id}` or its 400 undeclared.

use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Required, ResponseBuilder};

/// The refusals, by status, and when an operation may answer each.
const REFUSALS: [(&str, &str, When); 10] = [
    ("400", "A path, query or JSON body that cannot be parsed, or a missing CSRF token", When::Always),
    ("401", "Not signed in, or the token is unknown or expired", When::Always),
    ("403", "The caller's roles do not allow it here", When::Always),
    ("404", "No such resource, or the path does not exist", When::HasPathParameter),
    ("409", "It conflicts with the current state", When::HasBody),
    ("413", "The body is larger than the limit (docs/SECURITY.md)", When::HasBody),
    ("415", "The body is not of the declared content type", When::HasBody),
    ("422", "A field or query value is out of its bounds or not valid", When::HasInput),
    ("429", "Too many attempts; see Retry-After", When::Always),
    ("503", "The server is busy; see Retry-After", When::Always),
];

#[derive(Clone, Copy)]
enum When {
    Always,
    HasPathParameter,
    HasBody,
    HasInput,
}

/// Complete every operation of `doc`.
pub fn complete(doc: &mut OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let names = path_parameters(path);
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
            &mut item.head,
            &mut item.options,
            &mut item.trace,
        ]
        .into_iter()
        .flatten()
        {
            declare_path_parameters(op, &names);
            add_refusals(op, !names.is_empty());
        }
    }
}

/// The `{name}`s of a path template, in order.
pub fn path_parameters(path: &str) -> Vec<String> {
    path.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')).map(str::to_string).collect()
}

/// Each `{name}` without a declaration becomes a required path parameter: an
/// id (a 64-bit integer), or the name of an action.
fn declare_path_parameters(op: &mut Operation, names: &[String]) {
    let params = op.parameters.get_or_insert_with(Vec::new);
    for name in names {
        if params.iter().any(|p| p.parameter_in == ParameterIn::Path && &p.name == name) {
            continue;
        }
        params.push(path_parameter(name));
    }
}

fn path_parameter(name: &str) -> Parameter {
    let schema = if name == "action" {
        ObjectBuilder::new().schema_type(Type::String)
    } else {
        ObjectBuilder::new().schema_type(Type::Integer).format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
    };
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Path)
        .required(Required::True)
        .schema(Some(schema))
        .build()
}

fn add_refusals(op: &mut Operation, has_path_parameter: bool) {
    let has_body = op.request_body.is_some();
    let has_query = op.parameters.iter().flatten().any(|p| p.parameter_in == ParameterIn::Query);
    for (status, description, when) in REFUSALS {
        let applies = match when {
            When::Always => true,
            When::HasPathParameter => has_path_parameter,
            When::HasBody => has_body,
            When::HasInput => has_body || has_query,
        };
        if applies && !op.responses.responses.contains_key(status) {
            let body = ContentBuilder::new().schema(Some(RefOr::Ref(Ref::from_schema_name("ErrorBody")))).build();
            let response = ResponseBuilder::new().description(description).content("application/json", body).build();
            op.responses.responses.insert(status.to_string(), RefOr::T(response));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn path_parameters_are_read_from_the_template() {
        assert_eq!(
            super::path_parameters("/api/v1/sessions/{id}/speakers/{entry}/{action}"),
            ["id", "entry", "action"]
        );
        assert!(super::path_parameters("/api/v1/me").is_empty());
    }
}
