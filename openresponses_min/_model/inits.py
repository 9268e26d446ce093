# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The ``__init__`` of each class declared with ``_model.record``'s metaclass, written out by
``_generate`` (do not edit: run ``python -m openresponses_min._generate``). ``_model.record``
puts each in place the first time an object of its class is made. Unannotated, to be
cheap to load: the classes' own annotations are what type checkers read."""

# mypy: allow-untyped-defs

from __future__ import annotations

from .factory import FACTORY as _F, made_default as _made

_set = object.__setattr__  # a frozen record's fields


def response__AgentRef(
    self,
    agent_name="",
):
    self.agent_name = agent_name


def response__Annotation(
    self,
    type="",
):
    self.type = type


def response__UrlCitationAnnotation(
    self,
    type="url_citation",
    url="",
    title="",
    start_index=None,
    end_index=None,
):
    self.type = type
    self.url = url
    self.title = title
    self.start_index = start_index
    self.end_index = end_index


def response__FileCitationAnnotation(
    self,
    type="file_citation",
    file_id="",
    filename=None,
    index=None,
):
    self.type = type
    self.file_id = file_id
    self.filename = filename
    self.index = index


def response__ContainerFileCitationAnnotation(
    self,
    type="container_file_citation",
    container_id="",
    file_id="",
    filename=None,
    start_index=None,
    end_index=None,
):
    self.type = type
    self.container_id = container_id
    self.file_id = file_id
    self.filename = filename
    self.start_index = start_index
    self.end_index = end_index


def response__FilePathAnnotation(
    self,
    type="file_path",
    file_id="",
    index=None,
):
    self.type = type
    self.file_id = file_id
    self.index = index


def response__UnknownAnnotation(
    self,
    type="",
):
    self.type = type


def response__ContentPart(
    self,
    type="",
):
    self.type = type


def response__OutputTextPart(
    self,
    type="output_text",
    text="",
    annotations=_F,
    logprobs=None,
):
    self.type = type
    self.text = text
    self.annotations = _made(self, 2) if annotations is _F else annotations
    self.logprobs = logprobs


def response__RefusalPart(
    self,
    type="refusal",
    refusal="",
):
    self.type = type
    self.refusal = refusal


def response__ReasoningTextPart(
    self,
    type="reasoning_text",
    text="",
):
    self.type = type
    self.text = text


def response__SummaryTextPart(
    self,
    type="summary_text",
    text="",
):
    self.type = type
    self.text = text


def response__TextPart(
    self,
    type="text",
    text="",
):
    self.type = type
    self.text = text


def response__InputTextPart(
    self,
    type="input_text",
    text="",
):
    self.type = type
    self.text = text


def response__InputImagePart(
    self,
    type="input_image",
    image_url=None,
    file_id=None,
    detail=None,
):
    self.type = type
    self.image_url = image_url
    self.file_id = file_id
    self.detail = detail


def response__InputFilePart(
    self,
    type="input_file",
    file_id=None,
    file_url=None,
    filename=None,
    file_data=None,
):
    self.type = type
    self.file_id = file_id
    self.file_url = file_url
    self.filename = filename
    self.file_data = file_data


def response__UnknownPart(
    self,
    type="",
):
    self.type = type


def response__OutputItem(
    self,
    type="",
    id=None,
    status=None,
):
    self.type = type
    self.id = id
    self.status = status


def response__MessageItem(
    self,
    type="message",
    id=None,
    status=None,
    role="",
    content=_F,
    phase=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.role = role
    self.content = _made(self, 4) if content is _F else content
    self.phase = phase


def response__FunctionCallItem(
    self,
    type="function_call",
    id=None,
    status=None,
    call_id="",
    name="",
    arguments="",
    namespace=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.name = name
    self.arguments = arguments
    self.namespace = namespace


def response__FunctionCallOutputItem(
    self,
    type="function_call_output",
    id=None,
    status=None,
    call_id=None,
    output="",
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.output = output


def response__ReasoningItem(
    self,
    type="reasoning",
    id=None,
    status=None,
    summary=_F,
    content=None,
    encrypted_content=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.summary = _made(self, 3) if summary is _F else summary
    self.content = content
    self.encrypted_content = encrypted_content


def response__WebSearchCallItem(
    self,
    type="web_search_call",
    id=None,
    status=None,
    action=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.action = action


def response__FileSearchCallItem(
    self,
    type="file_search_call",
    id=None,
    status=None,
    queries=_F,
    results=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.queries = _made(self, 3) if queries is _F else queries
    self.results = results


def response__CodeInterpreterCallItem(
    self,
    type="code_interpreter_call",
    id=None,
    status=None,
    container_id="",
    code=None,
    outputs=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.container_id = container_id
    self.code = code
    self.outputs = outputs


def response__ImageGenerationCallItem(
    self,
    type="image_generation_call",
    id=None,
    status=None,
    result=None,
    revised_prompt=None,
    background=None,
    output_format=None,
    quality=None,
    size=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.result = result
    self.revised_prompt = revised_prompt
    self.background = background
    self.output_format = output_format
    self.quality = quality
    self.size = size


def response__McpListToolsItem(
    self,
    type="mcp_list_tools",
    id=None,
    status=None,
    server_label="",
    tools=_F,
    error=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.server_label = server_label
    self.tools = _made(self, 4) if tools is _F else tools
    self.error = error


def response__McpCallItem(
    self,
    type="mcp_call",
    id=None,
    status=None,
    server_label="",
    name="",
    arguments="",
    output=None,
    error=None,
    approval_request_id=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.server_label = server_label
    self.name = name
    self.arguments = arguments
    self.output = output
    self.error = error
    self.approval_request_id = approval_request_id


def response__McpApprovalRequestItem(
    self,
    type="mcp_approval_request",
    id=None,
    status=None,
    server_label="",
    name="",
    arguments="",
):
    self.type = type
    self.id = id
    self.status = status
    self.server_label = server_label
    self.name = name
    self.arguments = arguments


def response__McpApprovalResponseItem(
    self,
    type="mcp_approval_response",
    id=None,
    status=None,
    approval_request_id="",
    approve=None,
    reason=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.approval_request_id = approval_request_id
    self.approve = approve
    self.reason = reason


def response__CustomToolCallItem(
    self,
    type="custom_tool_call",
    id=None,
    status=None,
    call_id="",
    name="",
    input="",
    namespace=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.name = name
    self.input = input
    self.namespace = namespace


def response__CustomToolCallOutputItem(
    self,
    type="custom_tool_call_output",
    id=None,
    status=None,
    call_id="",
    output="",
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.output = output


def response__LocalShellCallItem(
    self,
    type="local_shell_call",
    id=None,
    status=None,
    call_id="",
    action=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.action = action


def response__LocalShellCallOutputItem(
    self,
    type="local_shell_call_output",
    id=None,
    status=None,
    output="",
):
    self.type = type
    self.id = id
    self.status = status
    self.output = output


def response__ShellCallItem(
    self,
    type="shell_call",
    id=None,
    status=None,
    call_id="",
    action=None,
    environment=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.action = action
    self.environment = environment


def response__ShellCallOutputItem(
    self,
    type="shell_call_output",
    id=None,
    status=None,
    call_id="",
    output=_F,
    max_output_length=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.output = _made(self, 4) if output is _F else output
    self.max_output_length = max_output_length


def response__ApplyPatchCallItem(
    self,
    type="apply_patch_call",
    id=None,
    status=None,
    call_id="",
    operation=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.operation = operation


def response__ApplyPatchCallOutputItem(
    self,
    type="apply_patch_call_output",
    id=None,
    status=None,
    call_id="",
    output=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.output = output


def response__ComputerCallItem(
    self,
    type="computer_call",
    id=None,
    status=None,
    call_id="",
    action=None,
    actions=None,
    pending_safety_checks=_F,
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.action = action
    self.actions = actions
    self.pending_safety_checks = (
        _made(self, 6) if pending_safety_checks is _F else pending_safety_checks
    )


def response__ComputerCallOutputItem(
    self,
    type="computer_call_output",
    id=None,
    status=None,
    call_id="",
    output=None,
    acknowledged_safety_checks=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.output = output
    self.acknowledged_safety_checks = acknowledged_safety_checks


def response__ToolSearchCallItem(
    self,
    type="tool_search_call",
    id=None,
    status=None,
    call_id=None,
    arguments=None,
    execution=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.arguments = arguments
    self.execution = execution


def response__ToolSearchOutputItem(
    self,
    type="tool_search_output",
    id=None,
    status=None,
    call_id=None,
    execution=None,
    tools=_F,
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.execution = execution
    self.tools = _made(self, 5) if tools is _F else tools


def response__CompactionItem(
    self,
    type="compaction",
    id=None,
    status=None,
    encrypted_content="",
    created_by=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.encrypted_content = encrypted_content
    self.created_by = created_by


def response__UnknownItem(
    self,
    type="",
    id=None,
    status=None,
):
    self.type = type
    self.id = id
    self.status = status


def response__InputTokensDetails(
    self,
    cached_tokens=None,
    cache_write_tokens=None,
):
    self.cached_tokens = cached_tokens
    self.cache_write_tokens = cache_write_tokens


def response__OutputTokensDetails(
    self,
    reasoning_tokens=None,
):
    self.reasoning_tokens = reasoning_tokens


def response__Usage(
    self,
    input_tokens=None,
    output_tokens=None,
    total_tokens=None,
    input_tokens_details=None,
    output_tokens_details=None,
):
    self.input_tokens = input_tokens
    self.output_tokens = output_tokens
    self.total_tokens = total_tokens
    self.input_tokens_details = input_tokens_details
    self.output_tokens_details = output_tokens_details


def response__ErrorDetails(
    self,
    code=None,
    message="",
    type=None,
    param=None,
):
    self.code = code
    self.message = message
    self.type = type
    self.param = param


def response__IncompleteDetails(
    self,
    reason=None,
):
    self.reason = reason


def response___Answered(
    self,
):
    pass


def response__Response(
    self,
    id="",
    object="",
    status=None,
    model="",
    created_at=None,
    completed_at=None,
    output=_F,
    usage=None,
    error=None,
    incomplete_details=None,
    instructions=None,
    metadata=None,
    previous_response_id=None,
    conversation=None,
    background=None,
    store=None,
    service_tier=None,
    tools=_F,
    tool_choice=None,
    parallel_tool_calls=None,
    max_output_tokens=None,
    max_tool_calls=None,
    temperature=None,
    top_p=None,
    top_logprobs=None,
    presence_penalty=None,
    frequency_penalty=None,
    reasoning=None,
    text=None,
    truncation=None,
    prompt=None,
    prompt_cache_key=None,
    prompt_cache_retention=None,
    safety_identifier=None,
    user=None,
):
    self.id = id
    self.object = object
    self.status = status
    self.model = model
    self.created_at = created_at
    self.completed_at = completed_at
    self.output = _made(self, 6) if output is _F else output
    self.usage = usage
    self.error = error
    self.incomplete_details = incomplete_details
    self.instructions = instructions
    self.metadata = metadata
    self.previous_response_id = previous_response_id
    self.conversation = conversation
    self.background = background
    self.store = store
    self.service_tier = service_tier
    self.tools = _made(self, 17) if tools is _F else tools
    self.tool_choice = tool_choice
    self.parallel_tool_calls = parallel_tool_calls
    self.max_output_tokens = max_output_tokens
    self.max_tool_calls = max_tool_calls
    self.temperature = temperature
    self.top_p = top_p
    self.top_logprobs = top_logprobs
    self.presence_penalty = presence_penalty
    self.frequency_penalty = frequency_penalty
    self.reasoning = reasoning
    self.text = text
    self.truncation = truncation
    self.prompt = prompt
    self.prompt_cache_key = prompt_cache_key
    self.prompt_cache_retention = prompt_cache_retention
    self.safety_identifier = safety_identifier
    self.user = user


def response__ParsedResponse(
    self,
    id="",
    object="",
    status=None,
    model="",
    created_at=None,
    completed_at=None,
    output=_F,
    usage=None,
    error=None,
    incomplete_details=None,
    instructions=None,
    metadata=None,
    previous_response_id=None,
    conversation=None,
    background=None,
    store=None,
    service_tier=None,
    tools=_F,
    tool_choice=None,
    parallel_tool_calls=None,
    max_output_tokens=None,
    max_tool_calls=None,
    temperature=None,
    top_p=None,
    top_logprobs=None,
    presence_penalty=None,
    frequency_penalty=None,
    reasoning=None,
    text=None,
    truncation=None,
    prompt=None,
    prompt_cache_key=None,
    prompt_cache_retention=None,
    safety_identifier=None,
    user=None,
):
    self.id = id
    self.object = object
    self.status = status
    self.model = model
    self.created_at = created_at
    self.completed_at = completed_at
    self.output = _made(self, 6) if output is _F else output
    self.usage = usage
    self.error = error
    self.incomplete_details = incomplete_details
    self.instructions = instructions
    self.metadata = metadata
    self.previous_response_id = previous_response_id
    self.conversation = conversation
    self.background = background
    self.store = store
    self.service_tier = service_tier
    self.tools = _made(self, 17) if tools is _F else tools
    self.tool_choice = tool_choice
    self.parallel_tool_calls = parallel_tool_calls
    self.max_output_tokens = max_output_tokens
    self.max_tool_calls = max_tool_calls
    self.temperature = temperature
    self.top_p = top_p
    self.top_logprobs = top_logprobs
    self.presence_penalty = presence_penalty
    self.frequency_penalty = frequency_penalty
    self.reasoning = reasoning
    self.text = text
    self.truncation = truncation
    self.prompt = prompt
    self.prompt_cache_key = prompt_cache_key
    self.prompt_cache_retention = prompt_cache_retention
    self.safety_identifier = safety_identifier
    self.user = user


def response__ParsedOutputTextPart(
    self,
    type="output_text",
    text="",
    annotations=_F,
    logprobs=None,
):
    self.type = type
    self.text = text
    self.annotations = _made(self, 2) if annotations is _F else annotations
    self.logprobs = logprobs


def response__ParsedFunctionCallItem(
    self,
    type="function_call",
    id=None,
    status=None,
    call_id="",
    name="",
    arguments="",
    namespace=None,
):
    self.type = type
    self.id = id
    self.status = status
    self.call_id = call_id
    self.name = name
    self.arguments = arguments
    self.namespace = namespace


def response__InputTokens(
    self,
    object="",
    input_tokens=None,
):
    self.object = object
    self.input_tokens = input_tokens


def response__Compaction(
    self,
    id="",
    object="",
    created_at=None,
    output=_F,
    usage=None,
):
    self.id = id
    self.object = object
    self.created_at = created_at
    self.output = _made(self, 3) if output is _F else output
    self.usage = usage


def response__ItemPage(
    self,
    object="",
    data=_F,
    first_id=None,
    last_id=None,
    has_more=None,
):
    self.object = object
    self.data = _made(self, 1) if data is _F else data
    self.first_id = first_id
    self.last_id = last_id
    self.has_more = has_more


def events__Event(
    self,
    type="",
    sequence_number=None,
):
    self.type = type
    self.sequence_number = sequence_number


def events__UnknownEvent(
    self,
    type="",
    sequence_number=None,
):
    self.type = type
    self.sequence_number = sequence_number


def events___SnapshotEvent(
    self,
    type="",
    sequence_number=None,
    response=_F,
):
    self.type = type
    self.sequence_number = sequence_number
    self.response = _made(self, 2) if response is _F else response


def events___OutputItemEvent(
    self,
    type="",
    sequence_number=None,
    output_index=None,
    item=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.output_index = output_index
    self.item = item


def events___ItemEvent(
    self,
    type="",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events___ItemDeltaEvent(
    self,
    type="",
    sequence_number=None,
    item_id="",
    output_index=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.delta = delta
    self.obfuscation = obfuscation


def events___ContentEvent(
    self,
    type="",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index


def events___ContentPartEvent(
    self,
    type="",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    part=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.part = part


def events___ContentDeltaEvent(
    self,
    type="",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.delta = delta
    self.obfuscation = obfuscation


def events___ContentTextDoneEvent(
    self,
    type="",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    text="",
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.text = text


def events___SummaryEvent(
    self,
    type="",
    sequence_number=None,
    item_id="",
    output_index=None,
    summary_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.summary_index = summary_index


def events___ShellCommandEvent(
    self,
    type="",
    sequence_number=None,
    output_index=None,
    command_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.output_index = output_index
    self.command_index = command_index


def events__ResponseCreatedEvent(
    self,
    type="response.created",
    sequence_number=None,
    response=_F,
):
    self.type = type
    self.sequence_number = sequence_number
    self.response = _made(self, 2) if response is _F else response


def events__ResponseQueuedEvent(
    self,
    type="response.queued",
    sequence_number=None,
    response=_F,
):
    self.type = type
    self.sequence_number = sequence_number
    self.response = _made(self, 2) if response is _F else response


def events__ResponseInProgressEvent(
    self,
    type="response.in_progress",
    sequence_number=None,
    response=_F,
):
    self.type = type
    self.sequence_number = sequence_number
    self.response = _made(self, 2) if response is _F else response


def events__ResponseCompletedEvent(
    self,
    type="response.completed",
    sequence_number=None,
    response=_F,
):
    self.type = type
    self.sequence_number = sequence_number
    self.response = _made(self, 2) if response is _F else response


def events__ResponseFailedEvent(
    self,
    type="response.failed",
    sequence_number=None,
    response=_F,
):
    self.type = type
    self.sequence_number = sequence_number
    self.response = _made(self, 2) if response is _F else response


def events__ResponseIncompleteEvent(
    self,
    type="response.incomplete",
    sequence_number=None,
    response=_F,
):
    self.type = type
    self.sequence_number = sequence_number
    self.response = _made(self, 2) if response is _F else response


def events__ErrorEvent(
    self,
    type="error",
    sequence_number=None,
    code=None,
    message="",
    param=None,
    error=None,
    status=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.code = code
    self.message = message
    self.param = param
    self.error = error
    self.status = status


def events__ResponseOutputItemAddedEvent(
    self,
    type="response.output_item.added",
    sequence_number=None,
    output_index=None,
    item=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.output_index = output_index
    self.item = item


def events__ResponseOutputItemDoneEvent(
    self,
    type="response.output_item.done",
    sequence_number=None,
    output_index=None,
    item=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.output_index = output_index
    self.item = item


def events__ResponseContentPartAddedEvent(
    self,
    type="response.content_part.added",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    part=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.part = part


def events__ResponseContentPartDoneEvent(
    self,
    type="response.content_part.done",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    part=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.part = part


def events__ResponseOutputTextDeltaEvent(
    self,
    type="response.output_text.delta",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    delta="",
    obfuscation=None,
    logprobs=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.delta = delta
    self.obfuscation = obfuscation
    self.logprobs = logprobs


def events__ResponseOutputTextDoneEvent(
    self,
    type="response.output_text.done",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    text="",
    logprobs=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.text = text
    self.logprobs = logprobs


def events__ResponseOutputTextAnnotationAddedEvent(
    self,
    type="response.output_text.annotation.added",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    annotation_index=None,
    annotation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.annotation_index = annotation_index
    self.annotation = annotation


def events__ResponseRefusalDeltaEvent(
    self,
    type="response.refusal.delta",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.delta = delta
    self.obfuscation = obfuscation


def events__ResponseRefusalDoneEvent(
    self,
    type="response.refusal.done",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    refusal="",
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.refusal = refusal


def events__ResponseReasoningTextDeltaEvent(
    self,
    type="response.reasoning_text.delta",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.delta = delta
    self.obfuscation = obfuscation


def events__ResponseReasoningTextDoneEvent(
    self,
    type="response.reasoning_text.done",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    text="",
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.text = text


def events__ResponseReasoningDeltaEvent(
    self,
    type="response.reasoning.delta",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.delta = delta
    self.obfuscation = obfuscation


def events__ResponseReasoningDoneEvent(
    self,
    type="response.reasoning.done",
    sequence_number=None,
    item_id="",
    output_index=None,
    content_index=None,
    text="",
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.content_index = content_index
    self.text = text


def events__ResponseReasoningSummaryPartAddedEvent(
    self,
    type="response.reasoning_summary_part.added",
    sequence_number=None,
    item_id="",
    output_index=None,
    summary_index=None,
    part=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.summary_index = summary_index
    self.part = part


def events__ResponseReasoningSummaryPartDoneEvent(
    self,
    type="response.reasoning_summary_part.done",
    sequence_number=None,
    item_id="",
    output_index=None,
    summary_index=None,
    part=None,
    status=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.summary_index = summary_index
    self.part = part
    self.status = status


def events__ResponseReasoningSummaryTextDeltaEvent(
    self,
    type="response.reasoning_summary_text.delta",
    sequence_number=None,
    item_id="",
    output_index=None,
    summary_index=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.summary_index = summary_index
    self.delta = delta
    self.obfuscation = obfuscation


def events__ResponseReasoningSummaryTextDoneEvent(
    self,
    type="response.reasoning_summary_text.done",
    sequence_number=None,
    item_id="",
    output_index=None,
    summary_index=None,
    text="",
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.summary_index = summary_index
    self.text = text


def events__ResponseFunctionCallArgumentsDeltaEvent(
    self,
    type="response.function_call_arguments.delta",
    sequence_number=None,
    item_id="",
    output_index=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.delta = delta
    self.obfuscation = obfuscation


def events__ResponseFunctionCallArgumentsDoneEvent(
    self,
    type="response.function_call_arguments.done",
    sequence_number=None,
    item_id="",
    output_index=None,
    arguments="",
    name=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.arguments = arguments
    self.name = name


def events__ResponseCustomToolCallInputDeltaEvent(
    self,
    type="response.custom_tool_call_input.delta",
    sequence_number=None,
    item_id="",
    output_index=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.delta = delta
    self.obfuscation = obfuscation


def events__ResponseCustomToolCallInputDoneEvent(
    self,
    type="response.custom_tool_call_input.done",
    sequence_number=None,
    item_id="",
    output_index=None,
    input="",
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.input = input


def events__ResponseMcpCallArgumentsDeltaEvent(
    self,
    type="response.mcp_call_arguments.delta",
    sequence_number=None,
    item_id="",
    output_index=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.delta = delta
    self.obfuscation = obfuscation


def events__ResponseMcpCallArgumentsDoneEvent(
    self,
    type="response.mcp_call_arguments.done",
    sequence_number=None,
    item_id="",
    output_index=None,
    arguments="",
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.arguments = arguments


def events__ResponseCodeInterpreterCallCodeDeltaEvent(
    self,
    type="response.code_interpreter_call_code.delta",
    sequence_number=None,
    item_id="",
    output_index=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.delta = delta
    self.obfuscation = obfuscation


def events__ResponseCodeInterpreterCallCodeDoneEvent(
    self,
    type="response.code_interpreter_call_code.done",
    sequence_number=None,
    item_id="",
    output_index=None,
    code="",
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.code = code


def events__ResponseApplyPatchCallOperationDiffDeltaEvent(
    self,
    type="response.apply_patch_call_operation_diff.delta",
    sequence_number=None,
    item_id="",
    output_index=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.delta = delta
    self.obfuscation = obfuscation


def events__ResponseApplyPatchCallOperationDiffDoneEvent(
    self,
    type="response.apply_patch_call_operation_diff.done",
    sequence_number=None,
    item_id="",
    output_index=None,
    diff="",
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.diff = diff


def events__ResponseShellCallCommandAddedEvent(
    self,
    type="response.shell_call_command.added",
    sequence_number=None,
    output_index=None,
    command_index=None,
    command="",
):
    self.type = type
    self.sequence_number = sequence_number
    self.output_index = output_index
    self.command_index = command_index
    self.command = command


def events__ResponseShellCallCommandDeltaEvent(
    self,
    type="response.shell_call_command.delta",
    sequence_number=None,
    output_index=None,
    command_index=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.output_index = output_index
    self.command_index = command_index
    self.delta = delta
    self.obfuscation = obfuscation


def events__ResponseShellCallCommandDoneEvent(
    self,
    type="response.shell_call_command.done",
    sequence_number=None,
    output_index=None,
    command_index=None,
    command="",
):
    self.type = type
    self.sequence_number = sequence_number
    self.output_index = output_index
    self.command_index = command_index
    self.command = command


def events__ResponseShellCallOutputContentDeltaEvent(
    self,
    type="response.shell_call_output_content.delta",
    sequence_number=None,
    item_id="",
    output_index=None,
    command_index=None,
    delta=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.command_index = command_index
    self.delta = delta


def events__ResponseShellCallOutputContentDoneEvent(
    self,
    type="response.shell_call_output_content.done",
    sequence_number=None,
    item_id="",
    output_index=None,
    command_index=None,
    output=_F,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.command_index = command_index
    self.output = _made(self, 5) if output is _F else output


def events__ResponseFileSearchCallInProgressEvent(
    self,
    type="response.file_search_call.in_progress",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseFileSearchCallSearchingEvent(
    self,
    type="response.file_search_call.searching",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseFileSearchCallCompletedEvent(
    self,
    type="response.file_search_call.completed",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseWebSearchCallInProgressEvent(
    self,
    type="response.web_search_call.in_progress",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseWebSearchCallSearchingEvent(
    self,
    type="response.web_search_call.searching",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseWebSearchCallCompletedEvent(
    self,
    type="response.web_search_call.completed",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseCodeInterpreterCallInProgressEvent(
    self,
    type="response.code_interpreter_call.in_progress",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseCodeInterpreterCallInterpretingEvent(
    self,
    type="response.code_interpreter_call.interpreting",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseCodeInterpreterCallCompletedEvent(
    self,
    type="response.code_interpreter_call.completed",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseImageGenerationCallInProgressEvent(
    self,
    type="response.image_generation_call.in_progress",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseImageGenerationCallGeneratingEvent(
    self,
    type="response.image_generation_call.generating",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseImageGenerationCallPartialImageEvent(
    self,
    type="response.image_generation_call.partial_image",
    sequence_number=None,
    item_id="",
    output_index=None,
    partial_image_b64="",
    partial_image_index=None,
    background=None,
    output_format=None,
    quality=None,
    size=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index
    self.partial_image_b64 = partial_image_b64
    self.partial_image_index = partial_image_index
    self.background = background
    self.output_format = output_format
    self.quality = quality
    self.size = size


def events__ResponseImageGenerationCallCompletedEvent(
    self,
    type="response.image_generation_call.completed",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseMcpListToolsInProgressEvent(
    self,
    type="response.mcp_list_tools.in_progress",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseMcpListToolsCompletedEvent(
    self,
    type="response.mcp_list_tools.completed",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseMcpListToolsFailedEvent(
    self,
    type="response.mcp_list_tools.failed",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseMcpCallInProgressEvent(
    self,
    type="response.mcp_call.in_progress",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseMcpCallCompletedEvent(
    self,
    type="response.mcp_call.completed",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseMcpCallFailedEvent(
    self,
    type="response.mcp_call.failed",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseCompactionCompactingEvent(
    self,
    type="response.compaction.compacting",
    sequence_number=None,
    item_id="",
    output_index=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.item_id = item_id
    self.output_index = output_index


def events__ResponseAudioDeltaEvent(
    self,
    type="response.audio.delta",
    sequence_number=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.delta = delta
    self.obfuscation = obfuscation


def events__ResponseAudioDoneEvent(
    self,
    type="response.audio.done",
    sequence_number=None,
):
    self.type = type
    self.sequence_number = sequence_number


def events__ResponseAudioTranscriptDeltaEvent(
    self,
    type="response.audio.transcript.delta",
    sequence_number=None,
    delta="",
    obfuscation=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.delta = delta
    self.obfuscation = obfuscation


def events__ResponseAudioTranscriptDoneEvent(
    self,
    type="response.audio.transcript.done",
    sequence_number=None,
):
    self.type = type
    self.sequence_number = sequence_number


def events__ResponseRateLimitsUpdatedEvent(
    self,
    type="response.rate_limits.updated",
    sequence_number=None,
    rate_limits=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.rate_limits = rate_limits


def events__ResponseKeepAliveEvent(
    self,
    type="response.keep_alive",
    sequence_number=None,
):
    self.type = type
    self.sequence_number = sequence_number


def events__SteerSubmission(
    self,
    id=None,
    previous_response_id="",
    input=None,
):
    self.id = id
    self.previous_response_id = previous_response_id
    self.input = input


def events___SteerEvent(
    self,
    type="",
    sequence_number=None,
    steer=None,
    stream_id=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.steer = steer
    self.stream_id = stream_id


def events__ResponseSteerAcceptedEvent(
    self,
    type="response.steer.accepted",
    sequence_number=None,
    steer=None,
    stream_id=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.steer = steer
    self.stream_id = stream_id


def events__ResponseSteerPendingEvent(
    self,
    type="response.steer.pending",
    sequence_number=None,
    steer=None,
    stream_id=None,
    reason=None,
    required_input=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.steer = steer
    self.stream_id = stream_id
    self.reason = reason
    self.required_input = required_input


def events__ResponseSteerFailedEvent(
    self,
    type="response.steer.failed",
    sequence_number=None,
    steer=None,
    stream_id=None,
    error=None,
):
    self.type = type
    self.sequence_number = sequence_number
    self.steer = steer
    self.stream_id = stream_id
    self.error = error


def _model_sse_event__ServerSentEvent(
    self,
    event="message",
    data="",
    id="",
):
    self.event = event
    self.data = data
    self.id = id


def _core_request__Origin(
    self,
    scheme,
    host,
    port,
    path="",
):
    _set(self, "scheme", scheme)
    _set(self, "host", host)
    _set(self, "port", port)
    _set(self, "path", path)


def _core_request__Proxy(
    self,
    origin,
    authorization=None,
    secrets=(),
):
    _set(self, "origin", origin)
    _set(self, "authorization", authorization)
    _set(self, "secrets", secrets)


def _core_request__PreparedRequest(
    self,
    method,
    target,
    headers,
    body=None,
    stream=False,
):
    _set(self, "method", method)
    _set(self, "target", target)
    _set(self, "headers", headers)
    _set(self, "body", body)
    _set(self, "stream", stream)


def _core_config__Settings(
    self,
    origin,
    base_url,
    timeout,
    max_retries,
    max_resumes,
    max_event_size,
    max_response_size,
    max_header_size,
    max_connections,
    api_key,
    headers,
    proxy,
    redactor,
):
    _set(self, "origin", origin)
    _set(self, "base_url", base_url)
    _set(self, "timeout", timeout)
    _set(self, "max_retries", max_retries)
    _set(self, "max_resumes", max_resumes)
    _set(self, "max_event_size", max_event_size)
    _set(self, "max_response_size", max_response_size)
    _set(self, "max_header_size", max_header_size)
    _set(self, "max_connections", max_connections)
    _set(self, "api_key", api_key)
    _set(self, "headers", headers)
    _set(self, "proxy", proxy)
    _set(self, "redactor", redactor)


def _core_policy__Retry(
    self,
    max_retries,
    taken=0,
):
    _set(self, "max_retries", max_retries)
    _set(self, "taken", taken)


def _core_policy__Failure(
    self,
    kind,
    detail,
):
    _set(self, "kind", kind)
    _set(self, "detail", detail)


def _core_exchange__Target(
    self,
    origin,
    proxy,
    tls,
    max_header_size,
):
    _set(self, "origin", origin)
    _set(self, "proxy", proxy)
    _set(self, "tls", tls)
    _set(self, "max_header_size", max_header_size)


def _core_exchange__Wire(
    self,
    data,
    method,
    max_body_size,
    upgrade=False,
):
    _set(self, "data", data)
    _set(self, "method", method)
    _set(self, "max_body_size", max_body_size)
    _set(self, "upgrade", upgrade)


def _wire_http11__Head(
    self,
    status,
    reason,
    headers,
    http_version,
):
    _set(self, "status", status)
    _set(self, "reason", reason)
    _set(self, "headers", headers)
    _set(self, "http_version", http_version)


def _wire_http11__Data(
    self,
    data,
):
    _set(self, "data", data)


def _wire_http11__End(
    self,
    trailers,
):
    _set(self, "trailers", trailers)


def _core_accumulate__FunctionCall(
    self,
    call_id,
    name,
    arguments,
    item,
):
    _set(self, "call_id", call_id)
    _set(self, "name", name)
    _set(self, "arguments", arguments)
    _set(self, "item", item)
