from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import RoleAssignment, Unit, UnitLevel, User


class RoleInline(admin.TabularInline):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    model = RoleAssignment
    extra = 0
    raw_id_fields = ("unit",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    inlines = [RoleInline]
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("duluan", {"fields": ("full_name", "phone")}))
    list_display = ("username", "full_name", "is_active", "is_staff")


@admin.register(Unit)
class UnitAdmin(TreeAdmin):
    form = movenodeform_factory(
        Unit, fields=["code", "name", "short_name", "level", "is_active", "area", "member_count"]
    )
    list_display = ("name", "code", "level", "is_active", "member_count")
    search_fields = ("code", "name", "short_name")
    list_filter = ("level", "is_active")


admin.site.register(UnitLevel)
admin.site.site_header = "Quản trị duluan"
