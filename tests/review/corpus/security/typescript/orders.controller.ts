import { Controller, Get, Param, Query } from "@nestjs/common";
import { DataSource } from "typeorm";

@Controller("orders")
export class OrdersController {
  constructor(private readonly dataSource: DataSource) {}

  @Get("search")
  async search(@Query("status") status: string) {
    return this.dataSource.query(`SELECT * FROM orders WHERE status = '${status}'`); // wfc-expect: security critical
  }

  @Get(":id")
  async findOne(@Param("id") id: string) {
    return this.dataSource.query("SELECT * FROM orders WHERE id = $1", [id]);
  }
}
