//! The OpenAPI document: the core routes' annotated operations and one operation for each
//! plugin route, then completed in one pass so that every operation says everything it can
//! answer: a description on every response, the API's error shape for every refusal the
//! layers in front of the handler can give (401, 429, and 400/413/415/422 for a body), a
//! declared parameter for every `{name}` of its path, and an operation id unique in the
//! document (client generators name their methods by it).

use std::collections::HashSet;

use axum::http::{Method, StatusCode};
use sahabot_sdk::{registry, Guard};
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{
    HttpMethod, Operation, OperationBuilder, ParameterBuilder, ParameterIn, PathItem,
};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{
    ContentBuilder, OpenApi as Document, Ref, RefOr, Required, Response, ResponseBuilder,
};
use utoipa::OpenApi;

use super::ApiDoc;

pub fn openapi() -> Document {
    let mut doc = ApiDoc::openapi();
    for route in registry::api_routes() {
        let Some(method) = http_method(&route.method) else {
            continue;
        };
        let mut operation = OperationBuilder::new()
            .tag(route.plugin_id)
            .summary(Some(format!(
                "{} (plugin `{}`)",
                route.path, route.plugin_id
            )))
            .response(
                "200",
                ResponseBuilder::new()
                    .description("Done; the plugin's answer, as JSON")
                    .content("application/json", ContentBuilder::new().build())
                    .build(),
            );
        if route.guard != Guard::Public {
            operation = operation.response("403", error("The token's user may not do this here"));
        }
        if method != HttpMethod::Get {
            operation = operation.response(
                "409",
                error("The change conflicts with what is there (taken, or changed meanwhile)"),
            );
        }
        doc.paths
            .add_path_operation(route.full_path(), vec![method], operation.build());
    }
    complete(&mut doc);
    doc
}

fn http_method(method: &Method) -> Option<HttpMethod> {
    Some(match *method {
        Method::GET => HttpMethod::Get,
        Method::POST => HttpMethod::Post,
        Method::PUT => HttpMethod::Put,
        Method::PATCH => HttpMethod::Patch,
        Method::DELETE => HttpMethod::Delete,
        _ => return None,
    })
}

/// A refusal in the API's error shape, `{"error": …}`.
fn error(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
}

fn complete(doc: &mut Document) {
    let mut ids = HashSet::new();
    for (path, item) in doc.paths.paths.iter_mut() {
        for (method, operation) in operations(item) {
            name_uniquely(operation, method, path, &mut ids);
            declare_path_parameters(operation, path);
            describe_every_response(operation);
            add_refusals(operation, path);
        }
    }
}

fn operations(item: &mut PathItem) -> Vec<(&'static str, &mut Operation)> {
    [
        ("get", item.get.as_mut()),
        ("put", item.put.as_mut()),
        ("post", item.post.as_mut()),
        ("delete", item.delete.as_mut()),
        ("patch", item.patch.as_mut()),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.map(|op| (method, op)))
    .collect()
}

/// `{tag}_{name}`: the handler's name within its resource (`members_list`), or for an
/// operation without one the method and the path's words (`tournament_get_organizations_roster`).
fn name_uniquely(operation: &mut Operation, method: &str, path: &str, ids: &mut HashSet<String>) {
    let tag = operation
        .tags
        .as_ref()
        .and_then(|t| t.first().cloned())
        .unwrap_or_else(|| "api".into());
    let words: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .filter(|s| !matches!(*s, "api" | "v1" | "plugins") && *s != tag)
        .collect();
    let base = match operation.operation_id.as_deref() {
        Some(name) if !name.is_empty() => format!("{tag}_{name}"),
        _ => format!("{tag}_{method}_{}", words.join("_")),
    };
    let mut id = base.clone();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}_{n}");
        n += 1;
    }
    operation.operation_id = Some(id);
}

fn declare_path_parameters(operation: &mut Operation, path: &str) {
    let names = path
        .split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'));
    for name in names {
        let params = operation.parameters.get_or_insert_with(Vec::new);
        let declared = params.iter().any(|p| match p {
            RefOr::T(p) => p.name == name && p.parameter_in == ParameterIn::Path,
            RefOr::Ref(_) => false,
        });
        if !declared {
            let schema = ObjectBuilder::new().schema_type(Type::String);
            params.push(RefOr::T(
                ParameterBuilder::new()
                    .name(name)
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .description(Some(match name {
                        "org" => "The organization's slug",
                        _ => "The object's id",
                    }))
                    .schema(Some(schema))
                    .build(),
            ));
        }
    }
}

fn describe_every_response(operation: &mut Operation) {
    for (status, response) in operation.responses.responses.iter_mut() {
        if let RefOr::T(response) = response {
            if response.description.trim().is_empty() {
                response.description = status
                    .parse::<u16>()
                    .ok()
                    .and_then(|s| StatusCode::from_u16(s).ok())
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("Answer")
                    .to_owned();
            }
        }
    }
}

/// What the layers in front of every handler may answer, unless the operation says it already.
fn add_refusals(operation: &mut Operation, path: &str) {
    let has_body = operation.request_body.is_some();
    let has_parameters = operation.parameters.as_ref().is_some_and(|p| !p.is_empty());
    let too_many = {
        let mut response = error("Too many requests with this token, or too many failed authentications from this address");
        response.headers.insert(
            "Retry-After".into(),
            RefOr::T(
                HeaderBuilder::new()
                    .schema(Some(
                        ObjectBuilder::new()
                            .schema_type(Type::Integer)
                            .minimum(Some(1)),
                    ))
                    .description(Some("Whole seconds to wait (rounded up, never 0)"))
                    .build(),
            ),
        );
        response
    };
    let mut refusals = vec![
        (
            "401",
            error(
                "Missing, unknown, revoked or expired token (also says `WWW-Authenticate: Bearer`)",
            ),
        ),
        ("429", too_many),
    ];
    if path.contains('{') {
        refusals.push((
            "404",
            error("No such organization or object, or the plugin is off there"),
        ));
    }
    if has_parameters || has_body {
        refusals.push((
            "400",
            error("The body, a value in it or a parameter is not valid, such as a number out of range (the error names it)"),
        ));
    }
    if has_body {
        refusals.extend([
            ("413", error("The body is larger than the API accepts")),
            ("415", error("The body is not `application/json`")),
            (
                "422",
                error("The body does not have the fields and types the operation takes"),
            ),
        ]);
    }
    for (status, response) in refusals {
        operation
            .responses
            .responses
            .entry(status.to_owned())
            .or_insert(RefOr::T(response));
    }
}
