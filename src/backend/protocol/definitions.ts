/** The gRPC service definitions of the protocol, from the project's own .proto files (embedded as text). */
import * as grpc from '@grpc/grpc-js';
import { fromJSON, Options } from '@grpc/proto-loader';
import { parse } from 'protobufjs';

import goPluginProto from './goplugin.proto';
import healthProto from './health.proto';
import pluginProto from './plugin.proto';

/** Field names as declared, int64 as JS numbers, bytes as Buffers, enums as names, defaults filled in. */
export const LOADER_OPTIONS: Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  bytes: Buffer,
  defaults: true,
  arrays: true,
  objects: true,
};

type ServiceDefinitions = {
  Data: grpc.ServiceDefinition;
  Diagnostics: grpc.ServiceDefinition;
  Resource: grpc.ServiceDefinition;
  Health: grpc.ServiceDefinition;
  GRPCController: grpc.ServiceDefinition;
};

function servicesOf(protoText: string): grpc.GrpcObject {
  const root = parse(protoText, { keepCase: true }).root;
  return grpc.loadPackageDefinition(fromJSON(root.toJSON(), LOADER_OPTIONS));
}

function service(namespace: grpc.GrpcObject, path: string[]): grpc.ServiceDefinition {
  let node: unknown = namespace;
  for (const part of path) {
    node = (node as Record<string, unknown>)[part];
  }
  const ctor = node as { service?: grpc.ServiceDefinition } | undefined;
  if (!ctor?.service) {
    throw new Error(`gRPC service ${path.join('.')} is missing from the protocol definitions`);
  }
  return ctor.service;
}

let cached: ServiceDefinitions | undefined;

export function serviceDefinitions(): ServiceDefinitions {
  if (!cached) {
    const plugin = servicesOf(pluginProto);
    const health = servicesOf(healthProto);
    const goPlugin = servicesOf(goPluginProto);
    cached = {
      Data: service(plugin, ['pluginv2', 'Data']),
      Diagnostics: service(plugin, ['pluginv2', 'Diagnostics']),
      Resource: service(plugin, ['pluginv2', 'Resource']),
      Health: service(health, ['grpc', 'health', 'v1', 'Health']),
      GRPCController: service(goPlugin, ['plugin', 'GRPCController']),
    };
  }
  return cached;
}
