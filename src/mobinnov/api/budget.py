"""``GET /api/v1/budget/``: the Erasmus+ grant of one staff mobility between two
cities, from the unit-cost tables of each call year (mobinnov.mobility).

Every input problem is a 400 with ``{"parameter": ["message", ...]}``: an
unknown city, a city not found in the given country, days outside the
activity's limits, a receiving country outside the programme, a number that
is not one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mobinnov.mobility.budget import Estimate
from mobinnov.mobility.estimator import (
    EstimateError,
    PlacedEstimate,
    estimate_between,
    item_label,
    note_message,
)
from mobinnov.mobility.rates import default_rates

TAGS = ["budget"]


class BudgetQuerySerializer(serializers.Serializer):
    """The query parameters, checked for shape; the rates and the gazetteer
    check the meaning (mobility.estimator.estimate_between)."""

    origin = serializers.CharField(max_length=200)
    origin_country = serializers.CharField(max_length=10)
    destination = serializers.CharField(max_length=200)
    destination_country = serializers.CharField(max_length=10)
    activity = serializers.CharField(max_length=40)
    days = serializers.IntegerField()
    call_year = serializers.IntegerField()
    green = serializers.BooleanField(required=False, default=False)
    fewer_opportunities = serializers.BooleanField(required=False, default=False)


@extend_schema_field(OpenApiTypes.NUMBER)
class MoneyField(serializers.Field):
    """An amount in EUR as a JSON number: 309, 100.8."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Decimal) -> int | float:
        amount = Decimal(value)
        return int(amount) if amount == amount.to_integral_value() else float(amount)


class PlaceSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Name of the city found in the gazetteer.")
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()


class BreakdownLineSerializer(serializers.Serializer):
    item = serializers.CharField(
        help_text="`travel`, `individual_support_full`, `individual_support_reduced`, "
        "`individual_support_long_stay`, `individual_support_travel_days`, `course_fees`, "
        "`organisational_support` or `inclusion_support`."
    )
    label = serializers.SerializerMethodField(help_text="The item in the requested language.")
    quantity = serializers.IntegerField(help_text="Days, or 1 for a per-participant amount.")
    unit_amount = MoneyField()
    amount = MoneyField()
    source = serializers.CharField(help_text="Where the unit amount comes from.")
    confidence = serializers.CharField(
        help_text="`V` official EC source, `S` secondary source quoting the Programme Guide, "
        "`U` unverified."
    )

    def get_label(self, line: Any) -> str:
        return item_label(line.item)


class BudgetEstimateSerializer(serializers.Serializer):
    call_year = serializers.IntegerField()
    activity = serializers.CharField()
    days = serializers.IntegerField(help_text="Activity days, travel days not included.")
    green = serializers.BooleanField()
    fewer_opportunities = serializers.BooleanField()
    origin = PlaceSerializer()
    destination = PlaceSerializer()
    distance_km = serializers.IntegerField(
        help_text="One-way great-circle distance between the two cities, whole kilometres "
        "(truncated)."
    )
    distance_band = serializers.CharField(help_text='The travel band, e.g. "500-1999".')
    country_group = serializers.IntegerField(help_text="Receiving-country group (1 to 3).")
    travel_grant = MoneyField(help_text="Return trip, for the band (green amount if asked).")
    travel_days = serializers.IntegerField(help_text="Funded travel days: 2, or 6 with green.")
    daily_rate = MoneyField(help_text="Individual support per day for the receiving country.")
    individual_support = MoneyField()
    course_fees = MoneyField()
    organisational_support = MoneyField()
    inclusion_support = MoneyField()
    total = MoneyField()
    currency = serializers.CharField()
    breakdown = BreakdownLineSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())


def _payload(placed: PlacedEstimate) -> dict[str, Any]:
    result: Estimate = placed.estimate
    data: dict[str, Any] = vars(result).copy()
    data["origin"] = placed.origin
    data["destination"] = placed.destination
    data["notes"] = [note_message(code) for code in result.notes]
    return data


def _parameters() -> list[OpenApiParameter]:
    rates = default_rates()
    latest = rates.years[rates.call_years[-1]]
    return [
        OpenApiParameter(
            "origin", OpenApiTypes.STR, required=True, description="City of departure, e.g. Paris."
        ),
        OpenApiParameter(
            "origin_country",
            OpenApiTypes.STR,
            required=True,
            description="ISO 3166-1 alpha-2 code of the origin's country, e.g. FR.",
        ),
        OpenApiParameter(
            "destination",
            OpenApiTypes.STR,
            required=True,
            description="City of the receiving organisation, e.g. Vienna.",
        ),
        OpenApiParameter(
            "destination_country",
            OpenApiTypes.STR,
            required=True,
            description="ISO 3166-1 alpha-2 code of the receiving country, e.g. AT. It must "
            "be an Erasmus+ programme country (it sets the individual-support group).",
        ),
        OpenApiParameter(
            "activity",
            OpenApiTypes.STR,
            required=True,
            enum=rates.activity_codes,
            description="Erasmus+ activity type. Days allowed: "
            + "; ".join(
                f"{kind.code} {kind.min_days}-{kind.max_days}"
                for kind in latest.activities.values()
            )
            + ".",
        ),
        OpenApiParameter(
            "days",
            OpenApiTypes.INT,
            required=True,
            description="Days of activity, travel days not included.",
        ),
        OpenApiParameter(
            "call_year",
            OpenApiTypes.INT,
            required=True,
            enum=rates.call_years,
            description="Erasmus+ call year whose unit costs apply.",
        ),
        OpenApiParameter(
            "green",
            OpenApiTypes.BOOL,
            description="Green (sustainable) travel: the green amount and up to 6 funded "
            "travel days. Default false.",
        ),
        OpenApiParameter(
            "fewer_opportunities",
            OpenApiTypes.BOOL,
            description="Participant with fewer opportunities: adds the inclusion support "
            "for organisations where the call year has one. Default false.",
        ),
    ]


class BudgetView(APIView):
    """Estimate the Erasmus+ grant of one staff mobility."""

    @extend_schema(
        tags=TAGS,
        operation_id="budget_estimate",
        summary=_("Estimate the Erasmus+ grant of a staff mobility"),
        description=(
            "The one-way great-circle distance between the two cities (offline gazetteer) "
            "chooses the travel band; the receiving country's group sets the daily rate. "
            "Unit costs are data per call year, each with its source and a confidence tag; "
            "the daily rates are an example National Agency's. Example: Paris FR to Vienna "
            "AT, SM-JOB-SHDW, 5 days, call 2024 gives band 500-1999 and a travel grant of 309."
        ),
        parameters=_parameters(),
        responses={
            200: BudgetEstimateSerializer,
            400: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description="A list of messages per parameter at fault.",
                examples=[
                    OpenApiExample(
                        "Days outside the limits",
                        value={
                            "days": [
                                "SM-JOB-SHDW lasts 2 to 60 days (travel days not included): "
                                "enter a number of days between 2 and 60."
                            ]
                        },
                    )
                ],
            ),
        },
    )
    def get(self, request: Request) -> Response:
        query = BudgetQuerySerializer(data=request.query_params)
        if not query.is_valid():
            return Response(query.errors, status=400)
        params = query.validated_data
        try:
            placed = estimate_between(**params)
        except EstimateError as error:
            return Response(error.errors, status=400)
        return Response(BudgetEstimateSerializer(_payload(placed)).data)
