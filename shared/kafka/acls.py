"""The ACLs that keep each service to its own topics and consumer group.

The broker's StandardAuthorizer denies everything no ACL allows (the super user aside).
:func:`acl_bindings` turns :data:`shared.topics.SERVICE_ACCESS` into literal ACLs on one
deployment's topic and group names; :func:`grant` creates them with the topics, and
:func:`revoke` removes them with a test run's topics. aiokafka's admin client has no
ACL calls, so the requests are built here from its protocol structures.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.protocol.admin import (
    CreateAclsRequest_v1,
    CreateAclsResponse_v1,
    DeleteAclsRequest_v1,
    DeleteAclsResponse_v1,
    DescribeAclsRequest,
    DescribeAclsResponse_v1,
)
from aiokafka.protocol.api import Request

from shared.kafka.client_internals import admin_request
from shared.settings import ServiceSettings
from shared.topics import SERVICE_ACCESS, topic_name


class ResourceType(IntEnum):
    TOPIC = 2
    GROUP = 3


class Operation(IntEnum):
    ANY = 1
    READ = 3
    WRITE = 4
    DESCRIBE = 8


PATTERN_LITERAL = 3
PERMISSION_ANY, PERMISSION_ALLOW = 1, 3
# A broker learns new ACLs from the metadata log shortly after the controller accepted
# them; a client using them at once could still be refused.
VISIBLE_WITHIN_S = 30.0


@dataclass(frozen=True)
class AclBinding:
    """One ALLOW rule: ``principal`` may do ``operation`` on the named resource."""

    principal: str
    resource_type: ResourceType
    resource_name: str
    operation: Operation

    def creation(self) -> tuple[Any, ...]:
        return (self.resource_type, self.resource_name, PATTERN_LITERAL,
                f"User:{self.principal}", "*", self.operation, PERMISSION_ALLOW)


def acl_bindings(settings: ServiceSettings) -> list[AclBinding]:
    """Every service's ACLs on the topics and groups named with ``settings``' prefixes."""
    bindings: list[AclBinding] = []
    for principal, access in SERVICE_ACCESS.items():
        for operation, topics in ((Operation.READ, access.reads),
                                  (Operation.WRITE, access.writes),
                                  (Operation.DESCRIBE, access.describes)):
            bindings.extend(
                AclBinding(principal, ResourceType.TOPIC,
                           topic_name(settings.topic_prefix, topic), operation)
                for topic in topics)
        if access.group is not None:
            bindings.append(AclBinding(principal, ResourceType.GROUP,
                                       f"{settings.group_prefix}{access.group}",
                                       Operation.READ))
    return bindings


class _CreateAcls(Request[CreateAclsRequest_v1]):
    API_KEY = 30

    def __init__(self, bindings: list[AclBinding]) -> None:
        self.bindings = bindings

    def build(self, request_struct_class: type[CreateAclsRequest_v1]) -> CreateAclsRequest_v1:
        return request_struct_class([b.creation() for b in self.bindings])


class _DeleteAcls(Request[DeleteAclsRequest_v1]):
    API_KEY = 31

    def __init__(self, resources: list[tuple[ResourceType, str]]) -> None:
        self.resources = resources

    def build(self, request_struct_class: type[DeleteAclsRequest_v1]) -> DeleteAclsRequest_v1:
        return request_struct_class([
            (kind, name, PATTERN_LITERAL, None, None, Operation.ANY, PERMISSION_ANY)
            for kind, name in self.resources])


class AclError(RuntimeError):
    """The broker refused to create or delete an ACL."""


async def grant(admin: AIOKafkaAdminClient, settings: ServiceSettings) -> int:
    """Create every service's ACLs (creating one that exists changes nothing); returns
    how many were asked for."""
    bindings = acl_bindings(settings)
    response = await admin_request(admin, _CreateAcls(bindings))
    assert isinstance(response, CreateAclsResponse_v1)
    errors = {message or str(code) for code, message in response.creation_responses if code}
    if errors:
        raise AclError(f"could not create ACLs: {'; '.join(sorted(errors))}")
    await _until_visible(admin, bindings[-1])
    return len(bindings)


async def _until_visible(admin: AIOKafkaAdminClient, binding: AclBinding) -> None:
    """Wait until the broker's authorizer knows ``binding`` (the last one created: the
    metadata log applies them in order, so the others are known too)."""
    deadline = time.monotonic() + VISIBLE_WITHIN_S
    describe = DescribeAclsRequest(binding.resource_type, binding.resource_name,
                                   PATTERN_LITERAL, f"User:{binding.principal}", "*",
                                   binding.operation, PERMISSION_ALLOW)
    while True:
        response = await admin_request(admin, describe)
        assert isinstance(response, DescribeAclsResponse_v1)
        if response.resources:
            return
        if time.monotonic() > deadline:
            raise AclError(f"ACLs not in force within {VISIBLE_WITHIN_S}s")
        await asyncio.sleep(0.05)


async def revoke(admin: AIOKafkaAdminClient, settings: ServiceSettings) -> None:
    """Delete every ACL on the topics and groups named with ``settings``' prefixes."""
    resources = sorted({(b.resource_type, b.resource_name) for b in acl_bindings(settings)})
    response = await admin_request(admin, _DeleteAcls(resources))
    assert isinstance(response, DeleteAclsResponse_v1)
    errors = {message or str(code) for code, message, _ in response.filter_responses if code}
    if errors:
        raise AclError(f"could not delete ACLs: {'; '.join(sorted(errors))}")
